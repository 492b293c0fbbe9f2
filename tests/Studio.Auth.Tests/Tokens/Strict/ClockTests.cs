using System.Globalization;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Stores;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>Exact time boundaries on a fake clock: skew 0 to 60 s (default 30), lifetime bound.</summary>
public class ClockTests
{
    private static string At(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    [Test]
    public void With_no_skew_exp_equal_to_now_is_expired_and_one_second_later_is_valid()
    {
        var bench = TokenBench.Create(o => o.ClockSkewSeconds = 0);
        var now = bench.Now;
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("exp", At(now)).ToJson())), Is.EqualTo(TokenRejection.Expired));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("exp", At(now + 1)).ToJson())), Is.EqualTo(TokenRejection.None));
        });
    }

    [Test]
    public void With_no_skew_a_token_is_valid_until_the_last_tick_before_exp()
    {
        var bench = TokenBench.Create(o => o.ClockSkewSeconds = 0);
        var token = bench.Sign(bench.Header(), bench.Claims().Set("exp", At(bench.Now + 10)).ToJson());
        bench.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.That(bench.Reason(token), Is.EqualTo(TokenRejection.None));
        bench.Time.Advance(TimeSpan.FromTicks(1));
        Assert.That(bench.Reason(token), Is.EqualTo(TokenRejection.Expired));
    }

    [Test]
    public void Default_skew_is_30_seconds()
    {
        Assert.That(new StudioAuthOptions().ClockSkewSeconds, Is.EqualTo(30));
        var bench = TokenBench.Create();
        var now = bench.Now;
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("iat", At(now - 600)).Set("nbf", At(now - 600)).Set("exp", At(now - 30)).ToJson())), Is.EqualTo(TokenRejection.Expired));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("iat", At(now - 600)).Set("nbf", At(now - 600)).Set("exp", At(now - 29)).ToJson())), Is.EqualTo(TokenRejection.None));
        });
    }

    [TestCase(0)]
    [TestCase(30)]
    [TestCase(60)]
    public void Nbf_and_iat_are_accepted_up_to_now_plus_skew_and_refused_one_second_beyond(int skew)
    {
        var bench = TokenBench.Create(o => o.ClockSkewSeconds = skew);
        var now = bench.Now;
        string Token(long nbf, long iat) => bench.Sign(bench.Header(), bench.Claims().Set("nbf", At(nbf)).Set("iat", At(iat)).Set("exp", At(iat + 3600)).ToJson());
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(Token(now + skew, now)), Is.EqualTo(TokenRejection.None));
            Assert.That(bench.Reason(Token(now + skew + 1, now)), Is.EqualTo(TokenRejection.NotYetValid));
            Assert.That(bench.Reason(Token(now, now + skew)), Is.EqualTo(TokenRejection.None));
            Assert.That(bench.Reason(Token(now, now + skew + 1)), Is.EqualTo(TokenRejection.IssuedInFuture));
        });
    }

    [TestCase(0)]
    [TestCase(60)]
    public void Exp_boundary_moves_with_the_skew(int skew)
    {
        var bench = TokenBench.Create(o => o.ClockSkewSeconds = skew);
        var now = bench.Now;
        string Token(long exp) => bench.Sign(bench.Header(), bench.Claims().Set("iat", At(now - 600)).Set("nbf", At(now - 600)).Set("exp", At(exp)).ToJson());
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(Token(now - skew)), Is.EqualTo(TokenRejection.Expired));
            Assert.That(bench.Reason(Token(now - skew + 1)), Is.EqualTo(TokenRejection.None));
        });
    }

    [Test]
    public void Skew_above_60_seconds_is_refused_by_configuration_and_by_the_policy()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TokenPolicy("i", "a", TimeSpan.FromSeconds(61), TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TokenPolicy("i", "a", TimeSpan.FromSeconds(-1), TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenBench.Create(o => o.ClockSkewSeconds = 61));
    }

    [Test]
    public void Exp_minus_iat_may_equal_the_lifetime_but_not_exceed_it()
    {
        var bench = TokenBench.Create(o => o.TokenExpiryMinutes = 60);
        var now = bench.Now;
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("exp", At(now + 3600)).ToJson())), Is.EqualTo(TokenRejection.None));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("exp", At(now + 3601)).ToJson())), Is.EqualTo(TokenRejection.LifetimeTooLong));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("iat", At(now - 10)).Set("exp", At(now + 3591)).ToJson())), Is.EqualTo(TokenRejection.LifetimeTooLong));
        });
    }

    [TestCase(-10, 0, 0)]
    [TestCase(0, 0, 0)]
    [TestCase(10, -100, 20)]
    [TestCase(10, -100, 10)]
    public void A_token_that_expires_before_it_is_issued_or_valid_is_invalid_even_inside_the_skew(int exp, int iat, int nbf)
    {
        // Found by the external hostile-token review: nbf > exp passed inside the skew (Microsoft's handler refuses it).
        var bench = TokenBench.Create();
        var now = bench.Now;
        var token = bench.Sign(bench.Header(), bench.Claims().Set("iat", At(now + iat)).Set("nbf", At(now + nbf)).Set("exp", At(now + exp)).ToJson());
        Assert.That(bench.Reason(token), Is.EqualTo(TokenRejection.InvalidClaim));
    }

    [Test]
    public void An_issued_token_is_valid_for_exactly_its_lifetime_plus_skew()
    {
        var bench = TokenBench.Create(o => o.TokenExpiryMinutes = 5);
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        bench.Time.Advance(TimeSpan.FromSeconds(300 + 30 - 1));
        Assert.That(bench.Reason(token), Is.EqualTo(TokenRejection.None));
        bench.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(bench.Reason(token), Is.EqualTo(TokenRejection.Expired));
    }

    [Test]
    public void Expiry_is_reported_before_missing_claims_so_old_tokens_read_as_expired()
    {
        var bench = TokenBench.Create();
        var old = bench.Sign(bench.Header(), """{"iss":"joe","exp":1300819380}""");
        Assert.That(bench.Reason(old), Is.EqualTo(TokenRejection.Expired));
    }

    [Test]
    public void Clock_comes_from_the_injected_time_provider()
    {
        var bench = TokenBench.Create();
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        bench.Time.Advance(TimeSpan.FromDays(1));
        var service = new TokenService(Options.Create(bench.Options), new InMemoryRevocationStore(bench.Time), bench.Time);
        Assert.That(service.Validate(token).Rejection, Is.EqualTo(TokenRejection.Expired));
    }
}
