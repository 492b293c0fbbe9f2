using System.Text.Json.Nodes;
using Studio.Auth.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens;

/// <summary>Every reason code is reachable through the public ITokenService, and bad input never throws.</summary>
public class TokenRejectionTests
{
    private TokenHarness _tokens = null!;

    [SetUp]
    public void SetUp() => _tokens = new TokenHarness();

    [TearDown]
    public void TearDown() => _tokens.Dispose();

    private void AssertRejected(string? token, TokenRejection rejection, string code)
    {
        var result = _tokens.Tokens.Validate(token);
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Rejection, Is.EqualTo(rejection));
        Assert.That(result.ReasonCode, Is.EqualTo(code));
        Assert.That(result.User, Is.Null);
    }

    [Test]
    public void A_forged_token_with_the_right_key_is_valid_so_each_case_below_changes_one_thing() =>
        Assert.That(_tokens.Tokens.Validate(_tokens.Forge(_tokens.Claims())).IsValid, Is.True);

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("a.b")]
    [TestCase("a.b.c.d")]
    [TestCase("..")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9..sig")]
    public void A_token_that_is_not_three_segments_is_malformed(string token) => AssertRejected(token, TokenRejection.Malformed, "malformed");

    [Test]
    public void A_null_token_is_malformed() => AssertRejected(null, TokenRejection.Malformed, "malformed");

    [Test]
    public void A_payload_with_a_duplicate_claim_is_malformed()
    {
        var token = Jwt.Sign($$"""{"alg":"HS256","typ":"JWT","kid":"{{_tokens.KeyId}}"}""",
            _tokens.Claims().ToJsonString().Replace("\"sub\":\"583231\"", "\"sub\":\"583231\",\"sub\":\"1\"", StringComparison.Ordinal), TestSecrets.Current);
        AssertRejected(token, TokenRejection.Malformed, "malformed");
    }

    [Test]
    public void A_token_over_8_KB_is_too_large_before_any_decoding()
    {
        AssertRejected(new string('a', 8 * 1024 + 1), TokenRejection.TooLarge, "too_large");
        AssertRejected(new string('a', 8 * 1024), TokenRejection.Malformed, "malformed");
        var big = _tokens.Forge(_tokens.Claims(c => c["padding"] = new string('x', 8 * 1024)));
        AssertRejected(big, TokenRejection.TooLarge, "too_large");
    }

    [TestCase("none")]
    [TestCase("None")]
    [TestCase("NONE")]
    [TestCase("nOnE")]
    [TestCase("HS384")]
    [TestCase("HS512")]
    [TestCase("RS256")]
    [TestCase("hs256")]
    public void Any_algorithm_but_HS256_is_not_allowed(string alg) =>
        AssertRejected(_tokens.Forge(_tokens.Claims(), $$"""{"alg":"{{alg}}","typ":"JWT"}"""), TokenRejection.AlgorithmNotAllowed, "algorithm_not_allowed");

    [Test]
    public void An_unsigned_alg_none_token_is_not_allowed()
    {
        var unsigned = Jwt.Encode("""{"alg":"none","typ":"JWT"}"""u8.ToArray()) + "." + Jwt.Encode(System.Text.Encoding.UTF8.GetBytes(_tokens.Claims().ToJsonString())) + ".";
        AssertRejected(unsigned, TokenRejection.AlgorithmNotAllowed, "algorithm_not_allowed");
    }

    [TestCase("""{"alg":"HS256","typ":"JWT","jku":"https://evil.example/keys"}""")]
    [TestCase("""{"alg":"HS256","typ":"JWT","crit":["exp"]}""")]
    [TestCase("""{"alg":"HS256","typ":"JOSE+JSON"}""")]
    public void Header_members_beyond_alg_typ_and_kid_are_unsupported(string header) =>
        AssertRejected(_tokens.Forge(_tokens.Claims(), header), TokenRejection.UnsupportedHeader, "unsupported_header");

    [TestCase("AAAAAAAAAAAAAAAA")]
    [TestCase("../../etc/passwd")]
    public void A_kid_naming_no_configured_key_is_an_unknown_key(string kid) =>
        AssertRejected(_tokens.Forge(_tokens.Claims(), $$"""{"alg":"HS256","typ":"JWT","kid":"{{kid}}"}"""), TokenRejection.UnknownKey, "unknown_key");

    [Test]
    public void A_token_signed_with_another_secret_has_a_bad_signature() =>
        AssertRejected(_tokens.Forge(_tokens.Claims(), """{"alg":"HS256","typ":"JWT"}""", TestSecrets.Other), TokenRejection.BadSignature, "bad_signature");

    [Test]
    public void A_changed_payload_has_a_bad_signature()
    {
        var token = _tokens.Tokens.Issue(TokenHarness.User).Token;
        var parts = token.Split('.');
        var tampered = Jwt.PayloadJson(token).Replace("\"roles\":[\"user\",\"admin\"]", "\"roles\":[\"user\",\"admin\",\"root\"]", StringComparison.Ordinal);
        AssertRejected(parts[0] + "." + Jwt.Encode(System.Text.Encoding.UTF8.GetBytes(tampered)) + "." + parts[2], TokenRejection.BadSignature, "bad_signature");
    }

    [Test]
    public void A_stripped_signature_is_a_bad_signature()
    {
        var token = _tokens.Tokens.Issue(TokenHarness.User).Token;
        AssertRejected(token[..(token.LastIndexOf('.') + 1)], TokenRejection.BadSignature, "bad_signature");
    }

    [Test]
    public void Another_key_signing_under_our_kid_is_a_bad_signature() =>
        AssertRejected(_tokens.Forge(_tokens.Claims(), secret: TestSecrets.Other), TokenRejection.BadSignature, "bad_signature");

    [TestCase("exp", "\"soon\"")]
    [TestCase("exp", "1.5e9")]
    [TestCase("iat", "-1")]
    [TestCase("sub", "583231")]
    [TestCase("roles", "\"admin\"")]
    [TestCase("iss", "[\"studio-auth\"]")]
    public void A_registered_claim_of_the_wrong_type_is_an_invalid_claim(string claim, string json) =>
        AssertRejected(_tokens.Forge(_tokens.Claims(c => c[claim] = JsonNode.Parse(json))), TokenRejection.InvalidClaim, "invalid_claim");

    [TestCase("exp")]
    [TestCase("sub")]
    [TestCase("iss")]
    [TestCase("aud")]
    [TestCase("jti")]
    [TestCase("provider")]
    public void A_token_without_a_required_claim_is_missing_a_claim(string claim) =>
        AssertRejected(_tokens.Forge(_tokens.Claims(c => c.Remove(claim))), TokenRejection.MissingClaim, "missing_claim");

    [Test]
    public void A_token_past_its_exp_is_expired()
    {
        var token = _tokens.Tokens.Issue(TokenHarness.User).Token;
        _tokens.Time.Advance(TimeSpan.FromHours(2));
        AssertRejected(token, TokenRejection.Expired, "expired");
    }

    [Test]
    public void A_token_before_its_nbf_is_not_yet_valid() =>
        AssertRejected(_tokens.Forge(_tokens.Claims(c => c["nbf"] = _tokens.Now + 600)), TokenRejection.NotYetValid, "not_yet_valid");

    [Test]
    public void A_token_issued_in_the_future_is_refused() =>
        AssertRejected(_tokens.Forge(_tokens.Claims(c =>
        {
            c.Remove("nbf");
            c["iat"] = _tokens.Now + 600;
            c["exp"] = _tokens.Now + 1200;
        })), TokenRejection.IssuedInFuture, "issued_in_future");

    [Test]
    public void A_token_living_longer_than_token_expiry_minutes_is_refused() =>
        AssertRejected(_tokens.Forge(_tokens.Claims(c => c["exp"] = _tokens.Now + 3601)), TokenRejection.LifetimeTooLong, "lifetime_too_long");

    [Test]
    public void Another_issuer_is_a_wrong_issuer() =>
        AssertRejected(_tokens.Forge(_tokens.Claims(c => c["iss"] = "someone-else")), TokenRejection.WrongIssuer, "wrong_issuer");

    [Test]
    public void An_audience_without_ours_is_a_wrong_audience() =>
        AssertRejected(_tokens.Forge(_tokens.Claims(c => c["aud"] = new JsonArray("other-api", "yet-another"))), TokenRejection.WrongAudience, "wrong_audience");

    [Test]
    public void An_audience_list_containing_ours_is_accepted() =>
        Assert.That(_tokens.Tokens.Validate(_tokens.Forge(_tokens.Claims(c => c["aud"] = new JsonArray("other-api", "studio-auth")))).IsValid, Is.True);

    [Test]
    public async Task A_signed_out_token_is_revoked()
    {
        var token = _tokens.Tokens.Issue(TokenHarness.User).Token;
        var validated = await _tokens.Tokens.ValidateAsync(token);
        Assert.That(validated.IsValid, Is.True);
        await _tokens.Tokens.RevokeAsync(validated);

        var again = await _tokens.Tokens.ValidateAsync(token);
        Assert.That(again.Rejection, Is.EqualTo(TokenRejection.Revoked));
        Assert.That(again.ReasonCode, Is.EqualTo("revoked"));
        Assert.That((await _tokens.Tokens.ValidateAsync(_tokens.Tokens.Issue(TokenHarness.User).Token)).IsValid, Is.True, "only that token");
    }

    [Test]
    public async Task A_token_without_iat_is_refused_so_user_revocations_cover_every_token()
    {
        var withoutIat = _tokens.Forge(_tokens.Claims(c =>
        {
            c.Remove("iat");
            c.Remove("nbf");
            c["exp"] = _tokens.Now + 3000;
        }));
        await _tokens.Revocations.RevokeUserAsync("github", "583231", _tokens.Time.GetUtcNow(), _tokens.Time.GetUtcNow().AddHours(2));
        _tokens.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await _tokens.Tokens.ValidateAsync(withoutIat)).IsValid, Is.False, "the user's tokens were all revoked");
        Assert.That(_tokens.Tokens.Validate(withoutIat).Rejection, Is.EqualTo(TokenRejection.MissingClaim));
    }

    [Test]
    public void Only_a_valid_token_can_be_revoked() =>
        Assert.ThrowsAsync<ArgumentException>(async () => await _tokens.Tokens.RevokeAsync(TokenValidationResult.Rejected(TokenRejection.Expired)));

    [Test]
    public void Every_rejection_has_a_distinct_snake_case_code()
    {
        var codes = Enum.GetValues<TokenRejection>().Where(r => r != TokenRejection.None).Select(r => r.ToCode()).ToList();
        Assert.That(codes, Is.Unique);
        Assert.That(codes, Has.All.Match("^[a-z]+(_[a-z]+)*$"));
    }

    [TestCase("\u0000\u0001\u0002")]
    [TestCase("é.é.é")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.e30=.AAAA")]
    [TestCase("====.====.====")]
    [TestCase("eyJ9.eyJ9.eyJ9")]
    [TestCase("W10.W10.W10")]
    [TestCase("bnVsbA.bnVsbA.bnVsbA")]
    [TestCase("\ud800.\udc00.x")]
    public void Bad_input_never_throws(string token)
    {
        TokenValidationResult? result = null;
        Assert.DoesNotThrow(() => result = _tokens.Tokens.Validate(token));
        Assert.That(result!.IsValid, Is.False);
        Assert.DoesNotThrowAsync(async () => await _tokens.Tokens.ValidateAsync(token));
    }
}
