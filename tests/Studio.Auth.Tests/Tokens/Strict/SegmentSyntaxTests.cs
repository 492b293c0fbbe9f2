using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>Exactly three segments of canonical, unpadded base64url, at most 8 KB.</summary>
public class SegmentSyntaxTests
{
    private static readonly string[] Parts = ["header", "payload", "signature"];

    [Test]
    public void A_forged_valid_token_is_accepted_so_every_refusal_below_is_the_attack()
    {
        var bench = TokenBench.Create();
        var result = bench.Service.Validate(bench.ValidToken());
        Assert.That(result.IsValid, Is.True, result.ReasonCode);
        Assert.That(result.User!.Id, Is.EqualTo("42"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("...")]
    [TestCase("a")]
    [TestCase("a.b")]
    [TestCase("a.b.c.d")]
    public void Token_without_exactly_three_segments_is_malformed(string? token)
    {
        Assert.That(TokenBench.Create().Reason(token), Is.EqualTo(TokenRejection.Malformed));
    }

    [Test]
    public void Two_segments_four_segments_and_an_empty_fourth_are_malformed()
    {
        var bench = TokenBench.Create();
        var token = bench.ValidToken();
        var withoutSignature = token[..token.LastIndexOf('.')];
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(withoutSignature), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason(token + "."), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason(token + ".e30"), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason("." + token), Is.EqualTo(TokenRejection.Malformed));
        });
    }

    [Test]
    public void Empty_header_or_payload_segment_is_malformed()
    {
        var bench = TokenBench.Create();
        var segments = bench.ValidToken().Split('.');
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(bench.SignSegments("", segments[1])), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason(bench.SignSegments(segments[0], "")), Is.EqualTo(TokenRejection.Malformed));
        });
    }

    [Test]
    public void Empty_signature_is_a_bad_signature()
    {
        var bench = TokenBench.Create();
        var token = bench.ValidToken();
        Assert.That(bench.Reason(token[..(token.LastIndexOf('.') + 1)]), Is.EqualTo(TokenRejection.BadSignature));
    }

    [TestCase("=")]
    [TestCase("==")]
    [TestCase(" ")]
    [TestCase("\n")]
    [TestCase("\t")]
    [TestCase("+")]
    [TestCase("/")]
    [TestCase("!")]
    [TestCase("é")]
    [TestCase("\0")]
    public void A_character_outside_base64url_in_any_segment_is_malformed_even_when_the_mac_covers_it(string intruder)
    {
        var bench = TokenBench.Create();
        var segments = bench.ValidToken().Split('.');
        for (var part = 0; part < 3; part++)
        {
            foreach (var position in new[] { 0, 5, segments[part].Length })
            {
                var edited = (string[])segments.Clone();
                edited[part] = edited[part].Insert(position, intruder);

                // Re-sign header/payload edits so the MAC matches the raw text: only the syntax is wrong.
                var token = part < 2 ? bench.SignSegments(edited[0], edited[1]) : string.Join('.', edited);
                Assert.That(bench.Reason(token), Is.EqualTo(TokenRejection.Malformed), $"{intruder} at {position} in the {Parts[part]}");
            }
        }
    }

    [Test]
    public void A_segment_whose_length_is_one_more_than_a_multiple_of_four_is_malformed()
    {
        var bench = TokenBench.Create();
        var segments = bench.ValidToken().Split('.');
        for (var part = 0; part < 3; part++)
        {
            var edited = (string[])segments.Clone();
            var pad = "AAAA"[..((1 - edited[part].Length % 4 + 4) % 4)];
            edited[part] += pad;
            Assert.That(edited[part].Length % 4, Is.EqualTo(1));
            var token = part < 2 ? bench.SignSegments(edited[0], edited[1]) : string.Join('.', edited);
            Assert.That(bench.Reason(token), Is.EqualTo(TokenRejection.Malformed), Parts[part]);
        }
    }

    [Test]
    public void Non_canonical_trailing_bits_in_any_segment_are_malformed()
    {
        var bench = TokenBench.Create();

        // Segments whose final group is partial carry unused bits; pad the payload until it has one.
        var header = TokenBench.Base64Url(bench.Header());
        var payload = TokenBench.Base64Url(bench.Claims().ToJson());
        for (var pad = ""; payload.Length % 4 == 0; pad += "x")
        {
            payload = TokenBench.Base64Url(bench.Claims().Set("pad", $"\"{pad}\"").ToJson());
        }

        Assert.That(header.Length % 4, Is.Not.Zero);
        var token = bench.SignSegments(header, payload);
        var signature = token.Split('.')[2];

        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(bench.SignSegments(SetUnusedBit(header), payload)), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason(bench.SignSegments(header, SetUnusedBit(payload))), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason(header + "." + payload + "." + SetUnusedBit(signature)), Is.EqualTo(TokenRejection.Malformed));
        });
    }

    [Test]
    public void Token_over_8_KB_is_too_large_before_any_decoding_and_8_KB_exactly_is_read()
    {
        var bench = TokenBench.Create();
        // Grow a filler claim until the token is exactly 8192 characters. A base64url payload is never
        // 1 more than a multiple of 4 long, so a space or two in the header may be needed to land on it.
        var longest = "";
        for (var spaces = 0; spaces < 4 && longest.Length != JwtValidator.MaxTokenLength; spaces++)
        {
            var header = "{" + new string(' ', spaces) + bench.Header()[1..];
            longest = "";
            for (var filler = 5500; longest.Length < JwtValidator.MaxTokenLength; filler++)
            {
                longest = bench.Sign(header, bench.Claims().Set("note", $"\"{new string('x', filler)}\"").ToJson());
            }
        }

        Assert.That(longest, Has.Length.EqualTo(JwtValidator.MaxTokenLength));
        var garbage = new string('!', JwtValidator.MaxTokenLength + 1);
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(longest), Is.EqualTo(TokenRejection.None));
            Assert.That(bench.Reason(longest + "A"), Is.EqualTo(TokenRejection.TooLarge));
            Assert.That(bench.Reason(garbage), Is.EqualTo(TokenRejection.TooLarge), "refused on length, before the characters are looked at");
        });
    }

    // The last character of a segment with 2 or 3 characters in its final group carries unused low bits.
    private static string SetUnusedBit(string segment)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(segment[^1], StringComparison.Ordinal);
        return segment[..^1] + alphabet[last | 1];
    }
}
