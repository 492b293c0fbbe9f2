using System.Security.Cryptography;
using System.Text;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>
/// Header allow-list (alg exactly HS256, typ JWT, kid among the configured keys, nothing else) and
/// the MAC over the raw bytes, checked before any claim is read.
/// </summary>
public class HeaderAndSignatureTests
{
    [TestCase("none")]
    [TestCase("None")]
    [TestCase("NONE")]
    [TestCase("nOnE")]
    [TestCase("HS384")]
    [TestCase("HS512")]
    [TestCase("RS256")]
    [TestCase("ES256")]
    [TestCase("PS256")]
    [TestCase("EdDSA")]
    [TestCase("hs256")]
    [TestCase("HS256 ")]
    [TestCase(" HS256")]
    [TestCase("HS256\\u0000")]
    [TestCase("")]
    public void Alg_other_than_exactly_HS256_is_not_allowed(string alg)
    {
        var bench = TokenBench.Create();
        var header = $$"""{"alg":"{{alg}}","typ":"JWT","kid":"{{bench.KeyId}}"}""";
        Assert.That(bench.Reason(bench.Sign(header, bench.Claims().ToJson())), Is.EqualTo(TokenRejection.AlgorithmNotAllowed));
    }

    [TestCase("""{"typ":"JWT"}""", TestName = "A header without alg is not allowed")]
    [TestCase("""{"alg":null}""", TestName = "A null alg is not allowed")]
    [TestCase("""{"alg":256}""", TestName = "A numeric alg is not allowed")]
    [TestCase("""{"alg":["HS256"]}""", TestName = "An alg array is not allowed")]
    [TestCase("""{"alg":{"HS256":true}}""", TestName = "An alg object is not allowed")]
    [TestCase("""{}""", TestName = "An empty header is not allowed")]
    public void Alg_missing_or_not_a_string_is_not_allowed(string header)
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(header, bench.Claims().ToJson())), Is.EqualTo(TokenRejection.AlgorithmNotAllowed));
    }

    [Test]
    public void Alg_spelled_with_escapes_is_still_HS256()
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign("""{"alg":"HS\u0032\u0035\u0036"}""", bench.Claims().ToJson())), Is.EqualTo(TokenRejection.None));
    }

    [TestCase("crit", """["exp"]""")]
    [TestCase("crit", "[]")]
    [TestCase("jku", "\"https://attacker.example/jwks.json\"")]
    [TestCase("x5u", "\"https://attacker.example/cert.pem\"")]
    [TestCase("jwk", """{"kty":"oct","k":"AAAA"}""")]
    [TestCase("x5c", """["MIIB"]""")]
    [TestCase("x5t", "\"abc\"")]
    [TestCase("cty", "\"JWT\"")]
    [TestCase("b64", "false")]
    [TestCase("zip", "\"DEF\"")]
    [TestCase("enc", "\"A128GCM\"")]
    [TestCase("exp", "1")]
    [TestCase("Alg", "\"HS256\"")]
    [TestCase("foo", "null")]
    public void Header_members_other_than_alg_typ_and_kid_are_unsupported(string member, string value)
    {
        var bench = TokenBench.Create();
        var header = bench.Header()[..^1] + $",\"{member}\":{value}}}";
        Assert.That(bench.Reason(bench.Sign(header, bench.Claims().ToJson())), Is.EqualTo(TokenRejection.UnsupportedHeader));
    }

    [TestCase("\"jwt\"")]
    [TestCase("\"at+jwt\"")]
    [TestCase("\"JWS\"")]
    [TestCase("\"\"")]
    [TestCase("null")]
    [TestCase("1")]
    public void Typ_other_than_JWT_is_unsupported(string typ)
    {
        var bench = TokenBench.Create();
        var header = $$"""{"alg":"HS256","typ":{{typ}},"kid":"{{bench.KeyId}}"}""";
        Assert.That(bench.Reason(bench.Sign(header, bench.Claims().ToJson())), Is.EqualTo(TokenRejection.UnsupportedHeader));
    }

    [Test]
    public void Typ_and_kid_are_optional()
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign("""{"alg":"HS256"}""", bench.Claims().ToJson())), Is.EqualTo(TokenRejection.None));
    }

    [TestCase("\"../../../../dev/null\"")]
    [TestCase("\"/etc/passwd\"")]
    [TestCase("\"https://attacker.example/key\"")]
    [TestCase("\"x' UNION SELECT '1';--\"")]
    [TestCase("\"\"")]
    [TestCase("\"0\"")]
    [TestCase("0")]
    [TestCase("null")]
    [TestCase("[\"k\"]")]
    public void Kid_naming_no_configured_key_is_unknown_even_when_signed_with_our_key(string kid)
    {
        var bench = TokenBench.Create();
        var header = $$"""{"alg":"HS256","typ":"JWT","kid":{{kid}}}""";
        Assert.That(bench.Reason(bench.Sign(header, bench.Claims().ToJson())), Is.EqualTo(TokenRejection.UnknownKey));
    }

    [Test]
    public void Kid_is_matched_exactly()
    {
        var bench = TokenBench.Create();
        foreach (var kid in new[] { bench.KeyId.ToLowerInvariant(), bench.KeyId + " ", bench.KeyId[..^1] })
        {
            Assume.That(kid, Is.Not.EqualTo(bench.KeyId));
            var header = $$"""{"alg":"HS256","kid":"{{kid}}"}""";
            Assert.That(bench.Reason(bench.Sign(header, bench.Claims().ToJson())), Is.EqualTo(TokenRejection.UnknownKey), kid);
        }
    }

    [Test]
    public void Retired_keys_validate_their_tokens_and_kid_selects_only_the_named_key()
    {
        const string retired = "retired-secret-Qm3Zr8Tt1Wx6Yv0Ub4Nc7Kd2Pe9";
        var old = TokenBench.Create(o => o.JwtSecret = retired);
        var bench = TokenBench.Create(o => o.PreviousJwtSecrets = [retired]);
        var oldToken = old.Service.Issue(TokenBench.Ada).Token;
        var oldKidSignedWithCurrent = bench.Sign($$"""{"alg":"HS256","kid":"{{old.KeyId}}"}""", bench.Claims().ToJson());
        var noKidSignedWithRetired = TokenBench.SignSegments(
            TokenBench.Base64Url("""{"alg":"HS256"}"""), TokenBench.Base64Url(bench.Claims().ToJson()), Encoding.UTF8.GetBytes(retired));
        Assert.Multiple(() =>
        {
            Assert.That(bench.Service.Validate(oldToken).KeyId, Is.EqualTo(old.KeyId));
            Assert.That(bench.Reason(oldKidSignedWithCurrent), Is.EqualTo(TokenRejection.BadSignature));
            Assert.That(bench.Reason(noKidSignedWithRetired), Is.EqualTo(TokenRejection.None), "without kid every configured key is tried");
        });
    }

    [Test]
    public void Kid_is_a_fingerprint_that_reveals_nothing_about_the_secret()
    {
        var bench = TokenBench.Create();
        Assert.That(bench.KeyId, Does.Match("^[A-Za-z0-9_-]{16}$"));
        Assert.That(bench.Options.JwtSecret, Does.Not.Contain(bench.KeyId));
    }

    [Test]
    public void Every_single_bit_flip_of_the_signature_is_a_bad_signature()
    {
        var bench = TokenBench.Create();
        var token = bench.ValidToken();
        var dot = token.LastIndexOf('.');
        var mac = Convert.FromBase64String(token[(dot + 1)..].Replace('-', '+').Replace('_', '/') + "=");
        for (var bit = 0; bit < mac.Length * 8; bit++)
        {
            var flipped = (byte[])mac.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.That(bench.Reason(token[..(dot + 1)] + TokenBench.Base64Url(flipped)), Is.EqualTo(TokenRejection.BadSignature), $"bit {bit}");
        }
    }

    [TestCase(0)]
    [TestCase(16)]
    [TestCase(31)]
    [TestCase(33)]
    [TestCase(48)]
    [TestCase(64)]
    public void A_signature_of_the_wrong_length_is_a_bad_signature(int bytes)
    {
        var bench = TokenBench.Create();
        var token = bench.ValidToken();
        var mac = HMACSHA256.HashData(bench.Key, Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]));
        var wrong = Enumerable.Range(0, bytes).Select(i => mac[i % mac.Length]).ToArray();
        Assert.That(bench.Reason(token[..(token.LastIndexOf('.') + 1)] + TokenBench.Base64Url(wrong)), Is.EqualTo(TokenRejection.BadSignature));
    }

    [Test]
    public void A_token_signed_with_another_key_is_a_bad_signature()
    {
        var bench = TokenBench.Create();
        var other = TokenSigning("another-secret-that-is-long-enough-0123456789", bench);
        Assert.That(bench.Reason(other), Is.EqualTo(TokenRejection.BadSignature));
    }

    [Test]
    public void The_mac_covers_the_raw_segments_not_reserialised_json()
    {
        var bench = TokenBench.Create();
        var token = bench.ValidToken();
        var parts = token.Split('.');

        // Same JSON meaning, different bytes: a verifier that re-serialises would accept it.
        var spaced = TokenBench.Base64Url(bench.Claims().ToJson().Replace(",", ", ", StringComparison.Ordinal));
        Assert.That(bench.Reason($"{parts[0]}.{spaced}.{parts[2]}"), Is.EqualTo(TokenRejection.BadSignature));
    }

    [Test]
    public void The_signature_is_checked_before_any_claim_is_read()
    {
        var bench = TokenBench.Create();
        var header = TokenBench.Base64Url(bench.Header());
        var badMac = new string('A', 43);
        Assert.Multiple(() =>
        {
            // Unsigned payloads that would otherwise be refused for their content are refused for the MAC.
            Assert.That(bench.Reason($"{header}.{TokenBench.Base64Url("not json")}.{badMac}"), Is.EqualTo(TokenRejection.BadSignature));
            Assert.That(bench.Reason($"{header}.{TokenBench.Base64Url(bench.Claims().Set("exp", "1").ToJson())}.{badMac}"), Is.EqualTo(TokenRejection.BadSignature));
            Assert.That(bench.Reason($"{header}.{TokenBench.Base64Url(bench.Claims().Add("sub", "\"x\"").ToJson())}.{badMac}"), Is.EqualTo(TokenRejection.BadSignature));
            Assert.That(bench.Reason($"{header}.{TokenBench.Base64Url("{\"a\":" + new string('[', 5000))}.{badMac}"), Is.EqualTo(TokenRejection.BadSignature));
        });
    }

    [Test]
    public void Header_problems_are_reported_before_the_signature()
    {
        var bench = TokenBench.Create();
        var payload = TokenBench.Base64Url(bench.Claims().ToJson());
        var badMac = new string('A', 43);
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason($"{TokenBench.Base64Url("""{"alg":"none"}""")}.{payload}."), Is.EqualTo(TokenRejection.AlgorithmNotAllowed));
            Assert.That(bench.Reason($"{TokenBench.Base64Url("""{"alg":"HS256","jku":"x"}""")}.{payload}.{badMac}"), Is.EqualTo(TokenRejection.UnsupportedHeader));
            Assert.That(bench.Reason($"{TokenBench.Base64Url("""{"alg":"HS256","kid":"x"}""")}.{payload}.{badMac}"), Is.EqualTo(TokenRejection.UnknownKey));
        });
    }

    [Test]
    public void An_issued_token_has_exactly_the_allowed_header()
    {
        var bench = TokenBench.Create();
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        var header = Encoding.UTF8.GetString(Convert.FromBase64String(PadBase64(token.Split('.')[0])));
        Assert.That(header, Is.EqualTo($$"""{"alg":"HS256","typ":"JWT","kid":"{{bench.KeyId}}"}"""));
    }

    private static string TokenSigning(string secret, TokenBench bench) =>
        TokenBench.SignSegments(TokenBench.Base64Url(bench.Header()), TokenBench.Base64Url(bench.Claims().ToJson()), Encoding.UTF8.GetBytes(secret));

    private static string PadBase64(string segment) =>
        segment.Replace('-', '+').Replace('_', '/') + new string('=', (4 - segment.Length % 4) % 4);
}
