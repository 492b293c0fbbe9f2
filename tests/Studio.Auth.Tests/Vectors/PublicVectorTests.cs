using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Vectors;

/// <summary>
/// The public vectors (RFC 7515 A.1, RFC 7519 §6.1, RFC 7520 §4.4, the A.1 attack variants and the
/// Wycheproof HS256 JWS groups), read from the files in this folder and run through the real validator.
/// </summary>
public partial class PublicVectorTests
{
    private static readonly string Folder = Path.Combine(TestContext.CurrentContext.TestDirectory, "Vectors");

    /// <summary>What each attack variant must be refused as. Every line of the file must be listed here.</summary>
    private static readonly Dictionary<string, TokenRejection> AttackReasons = new(StringComparer.Ordinal)
    {
        ["alg=none"] = TokenRejection.AlgorithmNotAllowed,
        ["alg=None"] = TokenRejection.AlgorithmNotAllowed,
        ["alg=NONE"] = TokenRejection.AlgorithmNotAllowed,
        ["alg=nOnE"] = TokenRejection.AlgorithmNotAllowed,
        ["empty sig"] = TokenRejection.BadSignature,
        ["stripped"] = TokenRejection.Malformed,
        ["mangled payload (joe->jse) orig sig"] = TokenRejection.BadSignature,
        ["sig + '='"] = TokenRejection.Malformed,
        ["sig non-canonical last char"] = TokenRejection.Malformed,
        ["sig std alphabet"] = TokenRejection.Malformed,
        ["extra empty segment"] = TokenRejection.Malformed,
        ["extra segment"] = TokenRejection.Malformed,
        ["HS512 same key"] = TokenRejection.AlgorithmNotAllowed,
        ["HS384 same key"] = TokenRejection.AlgorithmNotAllowed,
        ["kid traversal + empty key"] = TokenRejection.UnknownKey,
        ["kid SQLi signed with '1'"] = TokenRejection.UnknownKey,
        ["jwk embedded (attacker oct key)"] = TokenRejection.UnsupportedHeader,
        ["jku attacker"] = TokenRejection.UnsupportedHeader,
        ["x5u attacker"] = TokenRejection.UnsupportedHeader,
        ["crit exp"] = TokenRejection.UnsupportedHeader,
        ["crit empty list"] = TokenRejection.UnsupportedHeader,
        ["dup alg none/HS256"] = TokenRejection.Malformed,
        ["alg RS256 header, HMAC sig"] = TokenRejection.AlgorithmNotAllowed,
    };

    // Wycheproof vectors defective as shipped (see README.md): 367 and 370 lost the padding they were
    // meant to test and are byte-identical to the valid 357; 372 and 373 are labelled valid although
    // their MAC does not match the raw input (and they contain '?').
    private const int ValidMacVector = 357;
    private static readonly int[] IdenticalToValid = [367, 370];
    private static readonly int[] MislabelledValid = [372, 373];

    [Test]
    public void Rfc7515_a1_signature_is_valid_and_the_token_is_refused_as_expired()
    {
        var (validator, token) = (A1Validator(), Section("RFC 7515 Appendix A.1").Token);
        Assert.Multiple(() =>
        {
            Assert.That(validator.VerifySignature(token), Is.EqualTo(TokenRejection.None));
            Assert.That(validator.Validate(token).Rejection, Is.EqualTo(TokenRejection.Expired));
        });
    }

    [Test]
    public void Rfc7515_a1_with_one_payload_byte_changed_is_a_bad_signature()
    {
        var token = Section("RFC 7515 Appendix A.1").Token;
        var parts = token.Split('.');
        var tampered = parts[0] + "." + parts[1][..^1] + (parts[1][^1] == 'Q' ? 'g' : 'Q') + "." + parts[2];
        Assert.That(A1Validator().VerifySignature(tampered), Is.Not.EqualTo(TokenRejection.None));
    }

    [Test]
    public void Rfc7519_unsecured_jwt_is_refused_because_alg_none_is_not_allowed()
    {
        var token = Section("RFC 7519 §6.1").Lines.Select(l => Backticked().Match(l)).First(m => m.Success).Groups[1].Value;
        var validator = A1Validator();
        Assert.Multiple(() =>
        {
            Assert.That(validator.VerifySignature(token), Is.EqualTo(TokenRejection.AlgorithmNotAllowed));
            Assert.That(validator.Validate(token).Rejection, Is.EqualTo(TokenRejection.AlgorithmNotAllowed));
        });
    }

    [Test]
    public void Rfc7520_section_4_4_signature_is_valid_and_the_payload_is_refused_as_not_a_json_object()
    {
        var section = Section("RFC 7520 §4.4");
        var jwk = JsonDocument.Parse(Backticked().Match(section.Lines.First(l => l.Contains("key:", StringComparison.Ordinal))).Groups[1].Value).RootElement;
        var validator = Validator(new SigningKey(FromBase64Url(jwk.GetProperty("k").GetString()!), jwk.GetProperty("kid").GetString()!));
        Assert.Multiple(() =>
        {
            Assert.That(validator.VerifySignature(section.Token), Is.EqualTo(TokenRejection.None));
            Assert.That(validator.Validate(section.Token).Rejection, Is.EqualTo(TokenRejection.Malformed));
        });
    }

    [TestCaseSource(nameof(AttackVectors))]
    public void Rfc7515_a1_attack_variant_is_refused_for_its_attack(string name, string token)
    {
        Assert.That(AttackReasons, Does.ContainKey(name), "a new vector needs its expected reason");
        var validator = A1Validator();
        Assert.Multiple(() =>
        {
            Assert.That(validator.Validate(token).Rejection, Is.EqualTo(AttackReasons[name]), "full validation");
            Assert.That(validator.VerifySignature(token), Is.EqualTo(AttackReasons[name]), "the signature layer alone");
        });
    }

    [Test]
    public void Every_attack_variant_in_the_file_is_covered()
    {
        var names = AttackVectors().Select(v => (string)v.Arguments[0]!).ToArray();
        Assert.That(names, Is.EquivalentTo(AttackReasons.Keys));
    }

    [TestCaseSource(nameof(WycheproofHs256))]
    public void Wycheproof_hs256_vector_at_the_signature_layer(int tcId, string comment, string jws, bool labelledValid, string key, string? kid)
    {
        var validator = Validator(kid is null ? new SigningKey(FromBase64Url(key)) : new SigningKey(FromBase64Url(key), kid));
        var accepted = validator.VerifySignature(jws) == TokenRejection.None;
        if (IdenticalToValid.Contains(tcId))
        {
            // The vector itself is defective: its bytes are 357's, so it verifies exactly as 357 does.
            // What it was meant to test (padding) is refused in the test below.
            Assert.That(accepted, Is.True, $"tcId {tcId} ({comment}) is byte-identical to the valid tcId {ValidMacVector}");
            return;
        }

        if (MislabelledValid.Contains(tcId))
        {
            Assert.That(accepted, Is.False, $"tcId {tcId} ({comment}) is labelled valid but its MAC does not match its raw bytes");
            return;
        }

        Assert.That(accepted, Is.EqualTo(labelledValid), $"tcId {tcId} ({comment})");
    }

    [Test]
    public void Wycheproof_padding_vectors_are_byte_identical_to_the_valid_one_and_the_intended_padding_is_refused()
    {
        var vectors = WycheproofHs256().ToDictionary(v => (int)v.Arguments[0]!, v => v.Arguments);
        var valid = (string)vectors[ValidMacVector][2]!;
        var validator = Validator(new SigningKey(FromBase64Url((string)vectors[ValidMacVector][4]!), (string)vectors[ValidMacVector][5]!));
        var parts = valid.Split('.');
        Assert.Multiple(() =>
        {
            foreach (var tcId in IdenticalToValid)
            {
                Assert.That(vectors[tcId][2], Is.EqualTo(valid), $"tcId {tcId} as shipped");
            }

            // What 367 ("invalidBase64Padding") and 370 ("invalidBase64PaddingInPayload") were meant to be.
            Assert.That(validator.VerifySignature($"{parts[0]}.{parts[1]}.{parts[2]}="), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(validator.VerifySignature($"{parts[0]}.{parts[1]}==.{parts[2]}"), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(validator.VerifySignature($"{parts[0]}=.{parts[1]}.{parts[2]}"), Is.EqualTo(TokenRejection.Malformed));
        });
    }

    public static IEnumerable<TestCaseData> AttackVectors()
    {
        foreach (var line in File.ReadLines(Path.Combine(Folder, "rfc7515_a1_attack_vectors.txt")).Skip(1))
        {
            var split = line.LastIndexOf(": ", StringComparison.Ordinal);
            if (split > 0)
            {
                var name = line[..split];
                yield return new TestCaseData(name, line[(split + 2)..]).SetArgDisplayNames(name);
            }
        }
    }

    public static IEnumerable<TestCaseData> WycheproofHs256()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "wycheproof_json_web_signature_test.json")));
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            if (!group.TryGetProperty("private", out var jwk) || !jwk.TryGetProperty("alg", out var alg) || alg.GetString() != "HS256")
            {
                continue;
            }

            var key = jwk.GetProperty("k").GetString()!;
            var kid = jwk.TryGetProperty("kid", out var k) ? k.GetString() : null;
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                var tcId = test.GetProperty("tcId").GetInt32();
                var valid = !test.TryGetProperty("result", out var result) || result.GetString() == "valid";
                yield return new TestCaseData(tcId, test.GetProperty("comment").GetString()!, test.GetProperty("jws").GetString()!, valid, key, kid)
                    .SetArgDisplayNames(tcId.ToString(System.Globalization.CultureInfo.InvariantCulture), test.GetProperty("comment").GetString()!);
            }
        }
    }

    [Test]
    public void The_wycheproof_hs256_groups_hold_the_expected_vectors()
    {
        var ids = WycheproofHs256().Select(v => (int)v.Arguments[0]!).Order().ToArray();
        int[] expected = [.. Enumerable.Range(1, 17), 348, 352, .. Enumerable.Range(357, 21)];
        Assert.That(ids, Is.EqualTo(expected));
    }

    private static JwtValidator A1Validator()
    {
        var section = Section("RFC 7515 Appendix A.1");
        // "- JWK `k` (base64url, 64 bytes): `AyM1...`": the key is the last backticked value.
        var k = Backticked().Matches(section.Lines.First(l => l.Contains("JWK `k`", StringComparison.Ordinal)))[^1].Groups[1].Value;
        return Validator(new SigningKey(FromBase64Url(k)));
    }

    private static JwtValidator Validator(SigningKey key) => new(
        new SigningKeyRing(key, []),
        new TokenPolicy("studio-auth", "studio-auth", TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)),
        new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    private static (string[] Lines, string Token) Section(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "rfc-examples.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## " + heading, StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), heading);
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        var body = lines[(start + 1)..(end < 0 ? lines.Length : end)];
        var tokenLine = body.FirstOrDefault(l => l.StartsWith("- token:", StringComparison.Ordinal));
        return (body, tokenLine is null ? "" : Backticked().Match(tokenLine).Groups[1].Value);
    }

    private static byte[] FromBase64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4));

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
