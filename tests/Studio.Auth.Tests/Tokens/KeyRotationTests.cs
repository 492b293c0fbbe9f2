using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens;

/// <summary>previous_jwt_secrets: old tokens validate until they expire; new tokens use jwt_secret.</summary>
public class KeyRotationTests
{
    [Test]
    public void Tokens_signed_with_a_previous_secret_validate_after_rotation()
    {
        using var before = new TokenHarness(o => o.JwtSecret = TestSecrets.Previous);
        var old = before.Tokens.Issue(TokenHarness.User).Token;

        using var after = new TokenHarness(o =>
        {
            o.JwtSecret = TestSecrets.Current;
            o.PreviousJwtSecrets = [TestSecrets.Previous];
        });
        var validated = after.Tokens.Validate(old);
        Assert.That(validated.IsValid, Is.True, validated.ReasonCode);
        Assert.That(validated.KeyId, Is.EqualTo(before.KeyId));
    }

    [Test]
    public void New_tokens_are_signed_with_the_current_secret_only()
    {
        using var rotated = new TokenHarness(o => o.PreviousJwtSecrets = [TestSecrets.Previous]);
        using var oldOnly = new TokenHarness(o => o.JwtSecret = TestSecrets.Previous);
        using var currentOnly = new TokenHarness();

        var fresh = rotated.Tokens.Issue(TokenHarness.User).Token;
        Assert.That(Jwt.HeaderJson(fresh), Does.Contain($"\"kid\":\"{currentOnly.KeyId}\""));
        Assert.That(currentOnly.Tokens.Validate(fresh).IsValid, Is.True);
        Assert.That(oldOnly.Tokens.Validate(fresh).Rejection, Is.EqualTo(TokenRejection.UnknownKey));
    }

    [Test]
    public void Once_a_secret_is_removed_its_tokens_are_refused()
    {
        using var before = new TokenHarness(o => o.JwtSecret = TestSecrets.Previous);
        var old = before.Tokens.Issue(TokenHarness.User).Token;
        using var after = new TokenHarness();
        Assert.That(after.Tokens.Validate(old).Rejection, Is.EqualTo(TokenRejection.UnknownKey));
    }

    [Test]
    public void Tokens_of_a_previous_secret_still_expire_on_time()
    {
        using var before = new TokenHarness(o => o.JwtSecret = TestSecrets.Previous);
        var old = before.Tokens.Issue(TokenHarness.User).Token;
        using var after = new TokenHarness(o => o.PreviousJwtSecrets = [TestSecrets.Previous]);
        after.Time.Advance(TimeSpan.FromMinutes(60) + TimeSpan.FromSeconds(30));
        Assert.That(after.Tokens.Validate(old).Rejection, Is.EqualTo(TokenRejection.Expired));
    }

    [Test]
    public void A_previous_secret_without_a_kid_in_the_token_is_found_by_trying_each_key()
    {
        using var after = new TokenHarness(o => o.PreviousJwtSecrets = [TestSecrets.Previous]);
        var noKid = after.Forge(after.Claims(), """{"alg":"HS256","typ":"JWT"}""", TestSecrets.Previous);
        Assert.That(after.Tokens.Validate(noKid).IsValid, Is.True);
    }

    [Test]
    public void Previous_secrets_are_validated_like_the_current_one()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(o =>
        {
            o.JwtSecret = TestSecrets.Current;
            o.PreviousJwtSecrets = ["short", TestSecrets.Current, ""];
        });
        using var host = services.BuildServiceProvider();
        var ex = host.Refused();
        ex.HasProblem("previous_jwt_secrets.0", null, "at least 32 bytes");
        ex.HasProblem("previous_jwt_secrets.1", null, "is the same as jwt_secret");
        ex.HasProblem("previous_jwt_secrets.2", null, "must not be empty");
    }
}
