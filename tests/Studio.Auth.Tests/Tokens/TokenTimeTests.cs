using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens;

/// <summary>Exact expiry and not-before boundaries on a fake clock, with and without clock skew.</summary>
public class TokenTimeTests
{
    [TestCase(0)]
    [TestCase(30)]
    [TestCase(60)]
    public void A_token_is_valid_until_exp_plus_skew_and_expired_from_then(int skew)
    {
        using var tokens = new TokenHarness(o => o.ClockSkewSeconds = skew);
        var token = tokens.Tokens.Issue(TokenHarness.User).Token;

        tokens.Time.Advance(TimeSpan.FromSeconds(3600 + skew - 1));
        Assert.That(tokens.Tokens.Validate(token).IsValid, Is.True, "one second before exp + skew");

        tokens.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(tokens.Tokens.Validate(token).Rejection, Is.EqualTo(TokenRejection.Expired), "at exp + skew");
    }

    [Test]
    public void The_default_skew_is_30_seconds()
    {
        using var tokens = new TokenHarness();
        var token = tokens.Tokens.Issue(TokenHarness.User).Token;
        tokens.Time.Advance(TimeSpan.FromSeconds(3629.999));
        Assert.That(tokens.Tokens.Validate(token).IsValid, Is.True);
        tokens.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(tokens.Tokens.Validate(token).Rejection, Is.EqualTo(TokenRejection.Expired));
    }

    [Test]
    public void A_token_issued_mid_second_expires_on_the_whole_second()
    {
        using var tokens = new TokenHarness(o => o.ClockSkewSeconds = 0);
        tokens.Time.Advance(TimeSpan.FromMilliseconds(900));
        var issued = tokens.Tokens.Issue(TokenHarness.User);
        Assert.That(issued.IssuedAt, Is.EqualTo(TokenHarness.Start), "times are whole seconds, rounded down");
        Assert.That(issued.ExpiresAt, Is.EqualTo(TokenHarness.Start.AddHours(1)));
        tokens.Time.SetUtcNow(TokenHarness.Start.AddHours(1));
        Assert.That(tokens.Tokens.Validate(issued.Token).Rejection, Is.EqualTo(TokenRejection.Expired), "never lives past its lifetime");
    }

    [TestCase(0)]
    [TestCase(30)]
    public void A_token_from_a_server_whose_clock_is_ahead_is_accepted_within_the_skew(int skew)
    {
        // Two instances share a secret; the issuing one's clock runs ahead of the validating one's.
        using var ahead = new TokenHarness(o => o.ClockSkewSeconds = skew, new FakeTimeProvider(TokenHarness.Start.AddSeconds(skew)));
        using var behind = new TokenHarness(o => o.ClockSkewSeconds = skew);
        Assert.That(behind.Tokens.Validate(ahead.Tokens.Issue(TokenHarness.User).Token).IsValid, Is.True, "iat = nbf = now + skew");

        // Refused as from the future: not_yet_valid (nbf) or issued_in_future (iat), whichever is checked first.
        using var tooFar = new TokenHarness(o => o.ClockSkewSeconds = skew, new FakeTimeProvider(TokenHarness.Start.AddSeconds(skew + 1)));
        Assert.That(behind.Tokens.Validate(tooFar.Tokens.Issue(TokenHarness.User).Token).Rejection,
            Is.AnyOf(TokenRejection.NotYetValid, TokenRejection.IssuedInFuture), "iat = nbf = now + skew + 1");
    }

    [Test]
    public void Lifetime_is_checked_against_the_configured_expiry_exactly()
    {
        using var tokens = new TokenHarness(o => o.TokenExpiryMinutes = 10);
        Assert.That(tokens.Tokens.Validate(tokens.Forge(tokens.Claims(c => c["exp"] = tokens.Now + 600))).IsValid, Is.True);
        Assert.That(tokens.Tokens.Validate(tokens.Forge(tokens.Claims(c => c["exp"] = tokens.Now + 601))).Rejection, Is.EqualTo(TokenRejection.LifetimeTooLong));
    }
}
