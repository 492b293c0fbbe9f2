using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>A disabled, deleted or signed-out user's tokens, and a signed-out token, are refused by <see cref="TokenService.ValidateAsync"/>.</summary>
public class RevocationTests
{
    [Test]
    public async Task A_disabled_users_token_is_revoked_on_the_next_validation()
    {
        var bench = TokenBench.Create();
        await bench.Users.UpsertAsync(TokenBench.Ada, bench.Time.GetUtcNow());
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        Assert.That(await bench.ReasonAsync(token), Is.EqualTo(TokenRejection.None));

        Assert.That(await bench.UserManager.DisableAsync("github", "42"), Is.True);
        Assert.That(await bench.ReasonAsync(token), Is.EqualTo(TokenRejection.Revoked));
    }

    [Test]
    public async Task A_deleted_users_token_is_revoked_on_the_next_validation()
    {
        var bench = TokenBench.Create();
        await bench.Users.UpsertAsync(TokenBench.Ada, bench.Time.GetUtcNow());
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        Assert.That(await bench.ReasonAsync(token), Is.EqualTo(TokenRejection.None));

        Assert.That(await bench.UserManager.DeleteAsync("github", "42"), Is.True);
        Assert.That(await bench.ReasonAsync(token), Is.EqualTo(TokenRejection.Revoked));
    }

    [Test]
    public async Task Signing_out_everywhere_revokes_every_token_of_that_user_only()
    {
        var bench = TokenBench.Create();
        var first = bench.Service.Issue(TokenBench.Ada).Token;
        bench.Time.Advance(TimeSpan.FromMinutes(5));
        var second = bench.Service.Issue(TokenBench.Ada).Token;
        var other = bench.Service.Issue(TokenBench.Ada with { Id = "43" }).Token;
        var sameIdOtherProvider = bench.Service.Issue(TokenBench.Ada with { Provider = "gitlab" }).Token;

        await bench.UserManager.SignOutEverywhereAsync("github", "42");
        Assert.Multiple(async () =>
        {
            Assert.That(await bench.ReasonAsync(first), Is.EqualTo(TokenRejection.Revoked));
            Assert.That(await bench.ReasonAsync(second), Is.EqualTo(TokenRejection.Revoked));
            Assert.That(await bench.ReasonAsync(other), Is.EqualTo(TokenRejection.None));
            Assert.That(await bench.ReasonAsync(sameIdOtherProvider), Is.EqualTo(TokenRejection.None));
        });
    }

    [Test]
    public async Task A_token_issued_after_re_enabling_is_valid_while_the_old_one_stays_revoked()
    {
        var bench = TokenBench.Create();
        await bench.Users.UpsertAsync(TokenBench.Ada, bench.Time.GetUtcNow());
        var old = bench.Service.Issue(TokenBench.Ada).Token;
        await bench.UserManager.DisableAsync("github", "42");
        bench.Time.Advance(TimeSpan.FromSeconds(1));
        await bench.UserManager.EnableAsync("github", "42");
        var fresh = bench.Service.Issue(TokenBench.Ada).Token;

        Assert.That(await bench.ReasonAsync(old), Is.EqualTo(TokenRejection.Revoked));
        Assert.That(await bench.ReasonAsync(fresh), Is.EqualTo(TokenRejection.None));
    }

    [Test]
    public async Task A_signed_out_token_is_revoked_and_its_siblings_are_not()
    {
        var bench = TokenBench.Create();
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        var sibling = bench.Service.Issue(TokenBench.Ada).Token;
        await bench.Service.RevokeAsync(await bench.Service.ValidateAsync(token));

        Assert.That(await bench.ReasonAsync(token), Is.EqualTo(TokenRejection.Revoked));
        Assert.That(await bench.ReasonAsync(sibling), Is.EqualTo(TokenRejection.None));
    }

    [Test]
    public async Task A_signed_out_token_stays_revoked_through_the_clock_skew_after_its_expiry_even_when_purged()
    {
        // The validator accepts a token until exp + skew (30 s here); a purge inside that window must not bring it back.
        var bench = TokenBench.Create();
        var issued = bench.Service.Issue(TokenBench.Ada);
        await bench.Service.RevokeAsync(await bench.Service.ValidateAsync(issued.Token));

        bench.Time.SetUtcNow(issued.ExpiresAt.AddSeconds(1));
        await bench.Revocations.PurgeExpiredAsync(bench.Time.GetUtcNow());
        Assert.That(await bench.ReasonAsync(issued.Token), Is.EqualTo(TokenRejection.Revoked));

        bench.Time.SetUtcNow(issued.ExpiresAt.AddSeconds(29));
        await bench.Revocations.PurgeExpiredAsync(bench.Time.GetUtcNow());
        Assert.That(await bench.ReasonAsync(issued.Token), Is.EqualTo(TokenRejection.Revoked));

        bench.Time.SetUtcNow(issued.ExpiresAt.AddSeconds(31));
        Assert.That(await bench.Revocations.PurgeExpiredAsync(bench.Time.GetUtcNow()), Is.EqualTo(1), "purged once no token it covers can be valid");
        Assert.That(await bench.ReasonAsync(issued.Token), Is.EqualTo(TokenRejection.Expired));
    }

    [Test]
    public async Task A_token_without_iat_cannot_escape_a_user_revocation()
    {
        var bench = TokenBench.Create();
        await bench.UserManager.SignOutEverywhereAsync("github", "42");
        bench.Time.Advance(TimeSpan.FromSeconds(5));

        // Were iat optional, "issued now" would be after the revocation; it is required instead.
        var withoutIat = bench.Sign(bench.Header(), bench.Claims().Remove("iat").ToJson());
        Assert.That(await bench.ReasonAsync(withoutIat), Is.EqualTo(TokenRejection.MissingClaim));
    }

    [Test]
    public void Revoking_a_refused_result_is_a_programming_error()
    {
        var bench = TokenBench.Create();
        Assert.ThrowsAsync<ArgumentException>(async () => await bench.Service.RevokeAsync(TokenValidationResult.Rejected(TokenRejection.Expired)));
    }
}
