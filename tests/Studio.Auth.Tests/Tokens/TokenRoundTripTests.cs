using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Studio.Auth.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens;

/// <summary>Issue → validate, the claims and header written, and the kid fingerprint.</summary>
public class TokenRoundTripTests
{
    [Test]
    public void An_issued_token_validates_back_to_its_user()
    {
        using var tokens = new TokenHarness();
        var issued = tokens.Tokens.Issue(TokenHarness.User);
        var validated = tokens.Tokens.Validate(issued.Token);

        Assert.That(validated.IsValid, Is.True, validated.ReasonCode);
        Assert.That(validated.Rejection, Is.EqualTo(TokenRejection.None));
        Assert.That(validated.ReasonCode, Is.Null);
        Assert.That(validated.User, Is.EqualTo(TokenHarness.User with { AvatarUrl = null }), "the avatar is not a claim");
        Assert.That(validated.TokenId, Is.EqualTo(issued.TokenId));
        Assert.That(validated.IssuedAt, Is.EqualTo(TokenHarness.Start));
        Assert.That(validated.ExpiresAt, Is.EqualTo(TokenHarness.Start.AddMinutes(60)));
        Assert.That(issued.ExpiresAt, Is.EqualTo(validated.ExpiresAt));
        Assert.That(validated.KeyId, Is.EqualTo(tokens.KeyId));
    }

    [Test]
    public void The_lifetime_is_token_expiry_minutes()
    {
        using var tokens = new TokenHarness(o => o.TokenExpiryMinutes = 15);
        Assert.That(tokens.Tokens.Issue(TokenHarness.User).ExpiresAt, Is.EqualTo(TokenHarness.Start.AddMinutes(15)));
    }

    [Test]
    public void The_token_carries_exactly_the_documented_claims()
    {
        using var tokens = new TokenHarness(o =>
        {
            o.Issuer = "https://studio.example.com";
            o.Audience = "studio-api";
        });
        var issued = tokens.Tokens.Issue(TokenHarness.User);
        using var payload = JsonDocument.Parse(Jwt.PayloadJson(issued.Token));
        var claims = payload.RootElement;

        Assert.That(claims.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "sub", "name", "email", "provider", "roles", "iat", "nbf", "exp", "jti", "iss", "aud" }));
        Assert.That(claims.GetProperty("sub").GetString(), Is.EqualTo("583231"));
        Assert.That(claims.GetProperty("name").GetString(), Is.EqualTo("The Octocat"));
        Assert.That(claims.GetProperty("email").GetString(), Is.EqualTo("octocat@github.com"));
        Assert.That(claims.GetProperty("provider").GetString(), Is.EqualTo("github"));
        Assert.That(claims.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "user", "admin" }));
        Assert.That(claims.GetProperty("iat").GetInt64(), Is.EqualTo(TokenHarness.Start.ToUnixTimeSeconds()));
        Assert.That(claims.GetProperty("nbf").GetInt64(), Is.EqualTo(TokenHarness.Start.ToUnixTimeSeconds()));
        Assert.That(claims.GetProperty("exp").GetInt64(), Is.EqualTo(TokenHarness.Start.AddHours(1).ToUnixTimeSeconds()));
        Assert.That(claims.GetProperty("jti").GetString(), Is.EqualTo(issued.TokenId));
        Assert.That(claims.GetProperty("iss").GetString(), Is.EqualTo("https://studio.example.com"));
        Assert.That(claims.GetProperty("aud").GetString(), Is.EqualTo("studio-api"));
    }

    [Test]
    public void A_user_without_email_gets_a_null_email_claim()
    {
        using var tokens = new TokenHarness();
        var issued = tokens.Tokens.Issue(TokenHarness.User with { Email = null });
        Assert.That(Jwt.PayloadJson(issued.Token), Does.Contain("\"email\":null"));
        Assert.That(tokens.Tokens.Validate(issued.Token).User!.Email, Is.Null);
    }

    [Test]
    public void The_header_is_HS256_JWT_with_a_kid()
    {
        using var tokens = new TokenHarness();
        var header = Jwt.HeaderJson(tokens.Tokens.Issue(TokenHarness.User).Token);
        Assert.That(header, Is.EqualTo($$"""{"alg":"HS256","typ":"JWT","kid":"{{tokens.KeyId}}"}"""));
    }

    [Test]
    public void The_kid_is_a_fingerprint_of_the_key_not_a_name_or_the_key()
    {
        using var a = new TokenHarness();
        using var sameSecret = new TokenHarness();
        using var otherSecret = new TokenHarness(o => o.JwtSecret = TestSecrets.Other);

        Assert.That(a.KeyId, Does.Match("^[A-Za-z0-9_-]{16}$"));
        Assert.That(sameSecret.KeyId, Is.EqualTo(a.KeyId), "the same key always has the same kid (instances agree)");
        Assert.That(otherSecret.KeyId, Is.Not.EqualTo(a.KeyId));
        Assert.That(TestSecrets.Current.Contains(a.KeyId, StringComparison.Ordinal), Is.False);
        var secretBase64 = Jwt.Encode(Encoding.UTF8.GetBytes(TestSecrets.Current));
        Assert.That(secretBase64, Does.Not.Contain(a.KeyId), "the kid is not the key's encoding");
        Assert.That(Jwt.Encode(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(TestSecrets.Current))), Does.Not.StartWith(a.KeyId),
            "nor a bare hash of it, which would let anyone test guesses offline without the label");
    }

    [Test]
    public void Every_token_has_a_fresh_jti()
    {
        using var tokens = new TokenHarness();
        var ids = Enumerable.Range(0, 200).Select(_ => tokens.Tokens.Issue(TokenHarness.User).TokenId).ToList();
        Assert.That(ids, Is.Unique);
    }

    [Test]
    public async Task The_stock_JsonWebTokenHandler_accepts_our_tokens()
    {
        using var tokens = new TokenHarness(time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var issued = tokens.Tokens.Issue(TokenHarness.User);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(issued.Token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestSecrets.Current)),
            ValidIssuer = "studio-auth",
            ValidAudience = "studio-auth",
            ValidAlgorithms = ["HS256"],
        });
        Assert.That(result.IsValid, Is.True, result.Exception?.Message);
        Assert.That(result.Claims["sub"], Is.EqualTo("583231"));
    }

    [Test]
    public void The_issued_token_never_shows_in_ToString() =>
        Assert.That(new TokenHarness().Tokens.Issue(TokenHarness.User).ToString(), Does.Not.Contain("eyJ"));
}
