using Studio.Auth.Stores;
using Studio.Auth.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Stores;

/// <summary>Administrative actions take effect on the very next request.</summary>
public class StudioUserManagerTests
{
    [Test]
    public async Task Deleting_a_user_revokes_their_tokens()
    {
        using var login = new LoginHarness();
        var token = (await login.SignInAsync("person-7")).Token!.Token;
        Assert.That(await login.Get<StudioUserManager>().DeleteAsync("counting", "7"), Is.True);
        Assert.That((await login.Get<ITokenService>().ValidateAsync(token)).Rejection, Is.EqualTo(TokenRejection.Revoked));
        Assert.That(await login.Get<IUserStore>().FindAsync("counting", "7"), Is.Null);
    }

    [Test]
    public async Task Signing_out_everywhere_revokes_tokens_but_keeps_the_user_enabled()
    {
        using var login = new LoginHarness();
        var first = (await login.SignInAsync("person-7")).Token!.Token;
        login.Time.Advance(TimeSpan.FromMinutes(5));
        var second = (await login.SignInAsync("person-7")).Token!.Token;
        await login.Get<StudioUserManager>().SignOutEverywhereAsync("counting", "7");

        var tokens = login.Get<ITokenService>();
        Assert.That((await tokens.ValidateAsync(first)).Rejection, Is.EqualTo(TokenRejection.Revoked));
        Assert.That((await tokens.ValidateAsync(second)).Rejection, Is.EqualTo(TokenRejection.Revoked));
        Assert.That((await login.Get<IUserStore>().FindAsync("counting", "7"))!.IsDisabled, Is.False);

        login.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await tokens.ValidateAsync((await login.SignInAsync("person-7")).Token!.Token)).IsValid, Is.True);
    }

    [Test]
    public async Task Other_users_are_not_affected()
    {
        using var login = new LoginHarness();
        var other = (await login.SignInAsync("person-8")).Token!.Token;
        await login.SignInAsync("person-7");
        await login.Get<StudioUserManager>().DisableAsync("counting", "7");
        Assert.That((await login.Get<ITokenService>().ValidateAsync(other)).IsValid, Is.True);
    }

    [Test]
    public async Task Unknown_users_are_reported()
    {
        using var login = new LoginHarness();
        var manager = login.Get<StudioUserManager>();
        Assert.That(await manager.DisableAsync("counting", "404"), Is.False);
        Assert.That(await manager.EnableAsync("counting", "404"), Is.False);
        Assert.That(await manager.DeleteAsync("counting", "404"), Is.False);
    }

    [Test]
    public async Task The_revocation_is_kept_as_long_as_a_token_could_live_and_then_purged()
    {
        using var login = new LoginHarness(o => o.TokenExpiryMinutes = 60);
        await login.SignInAsync("person-7");
        await login.Get<StudioUserManager>().DisableAsync("counting", "7");
        var revocations = (InMemoryRevocationStore)login.Get<IRevocationStore>();
        var now = LoginHarness.Start;
        Assert.That(await revocations.PurgeExpiredAsync(now.AddMinutes(60).AddSeconds(30)), Is.Zero, "a token may still be within exp + skew");
        Assert.That(await revocations.PurgeExpiredAsync(now.AddMinutes(61)), Is.EqualTo(1));
    }
}
