using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.Login;
using Studio.Auth.Providers;
using Studio.Auth.Stores;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Providers;

/// <summary>Type none: the guest, AutoGen Studio's by default, configurable by default_user.</summary>
public class NoAuthProviderTests
{
    private static async Task<SignInResult> SignInAsGuestAsync(IServiceProvider services)
    {
        var flow = services.GetRequiredService<LoginFlow>();
        var start = await flow.BeginAsync("/");
        var query = QueryHelpers.ParseQuery(start.LoginUrl!.OriginalString.Split('?')[1]);
        return await flow.CompleteAsync(new SignInCallback(query["code"], query["state"], start.BrowserBinding));
    }

    [Test]
    public async Task The_guest_is_AutoGen_Studios_default_user()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(o => o.Type = "none");
        using var host = services.BuildServiceProvider();

        var result = await SignInAsGuestAsync(host);
        Assert.That(result.Succeeded, Is.True, result.FailureReason);
        Assert.That(result.User, Is.EqualTo(new StudioUser("guestuser@gmail.com", "Default User", "guestuser@gmail.com", null, "none", ["user"])));
        Assert.That(host.GetRequiredService<ITokenService>().Validate(result.Token!.Token).IsValid, Is.True,
            "with auth off and no jwt_secret, guest tokens are signed with a per-process key");
    }

    [Test]
    public async Task The_guest_is_configurable_with_default_user()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(o =>
        {
            o.Type = "none";
            o.DefaultUser.Id = "local";
            o.DefaultUser.Name = "Local Developer";
            o.DefaultUser.Email = null;
            o.DefaultUser.AvatarUrl = "/me.png";
            o.DefaultUser.Roles = ["user", "admin"];
        });
        using var host = services.BuildServiceProvider();

        var result = await SignInAsGuestAsync(host);
        Assert.That(result.User, Is.EqualTo(new StudioUser("local", "Local Developer", null, "/me.png", "none", ["user", "admin"])));
        Assert.That(await host.GetRequiredService<IUserStore>().FindAsync("none", "local"), Is.Not.Null);
    }

    [Test]
    public async Task The_guest_sign_in_url_goes_straight_to_the_callback_under_the_api_prefix()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(o => o.ApiPrefix = "/studio/api");
        using var host = services.BuildServiceProvider();
        var start = await host.GetRequiredService<LoginFlow>().BeginAsync(null);
        Assert.That(start.LoginUrl!.IsAbsoluteUri, Is.False);
        Assert.That(start.LoginUrl.OriginalString, Does.StartWith("/studio/api/auth/callback?code=guest&state="));
    }

    [Test]
    public void The_none_provider_is_always_registered_and_active_by_default()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(_ => { });
        using var host = services.BuildServiceProvider();
        var providers = host.GetRequiredService<AuthProviders>();
        Assert.That(providers.Types, Is.EqualTo(new[] { "none" }));
        Assert.That(providers.Active, Is.InstanceOf<NoAuthProvider>());
        Assert.That(providers.Active.Type, Is.EqualTo("none"));
        Assert.That(providers.Get("github"), Is.Null);
    }

    [Test]
    public void A_failure_needs_a_reason_code()
    {
        Assert.Throws<ArgumentException>(() => ExternalIdentityResult.Failure(" "));
        var failure = ExternalIdentityResult.Failure("not_allowed", SignInFailureKind.Denied, "Not on the list.");
        Assert.That(failure.Succeeded, Is.False);
        Assert.That(failure.FailureReason, Is.EqualTo("not_allowed"));
    }
}
