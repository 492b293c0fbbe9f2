using Studio.Auth.Login;
using Studio.Auth.Providers;
using Studio.Auth.Stores;
using Studio.Auth.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Login;

/// <summary>What Complete does after the provider answers: users, roles, tokens, refusals.</summary>
public class SignInOutcomeTests
{
    [Test]
    public async Task A_sign_in_stores_the_user_under_provider_and_durable_id_and_issues_a_token()
    {
        using var login = new LoginHarness();
        var result = await login.SignInAsync("person-7", "/notes");

        Assert.That(result.Succeeded, Is.True, result.FailureReason);
        Assert.That(result.ReturnPath, Is.EqualTo("/notes"));
        Assert.That(result.User, Is.EqualTo(new StudioUser("7", "Person 7", "7@counting.example", null, "counting", ["user"])));
        var stored = await login.Get<IUserStore>().FindAsync("counting", "7");
        Assert.That(stored!.User, Is.EqualTo(result.User));
        Assert.That(stored.CreatedAt, Is.EqualTo(LoginHarness.Start));
        var validated = login.Get<ITokenService>().Validate(result.Token!.Token);
        Assert.That(validated.User, Is.EqualTo(result.User));
    }

    [Test]
    public async Task Signing_in_again_updates_the_same_user()
    {
        using var login = new LoginHarness();
        await login.SignInAsync("person-7");
        login.Time.Advance(TimeSpan.FromHours(1));
        await login.SignInAsync("person-7");
        var users = (InMemoryUserStore)login.Get<IUserStore>();
        Assert.That(users.Count, Is.EqualTo(1));
        var stored = await users.FindAsync("counting", "7");
        Assert.That(stored!.CreatedAt, Is.EqualTo(LoginHarness.Start));
        Assert.That(stored.LastSignInAt, Is.EqualTo(LoginHarness.Start.AddHours(1)));
    }

    [TestCase("7")]
    [TestCase("counting:7")]
    public async Task Ids_under_admins_get_the_admin_role(string entry)
    {
        using var login = new LoginHarness(o => o.Admins = [entry]);
        Assert.That((await login.SignInAsync("person-7")).User!.Roles, Is.EqualTo(new[] { "user", "admin" }));
        Assert.That((await login.SignInAsync("person-8")).User!.Roles, Is.EqualTo(new[] { "user" }));
    }

    [Test]
    public async Task Admins_of_another_provider_do_not_match()
    {
        using var login = new LoginHarness(o => o.Admins = ["github:7"]);
        Assert.That((await login.SignInAsync("person-7")).User!.Roles, Is.EqualTo(new[] { "user" }));
    }

    [Test]
    public async Task Roles_mapped_by_the_provider_are_added_once()
    {
        using var login = new LoginHarness(o => o.Admins = ["7"]);
        login.Provider.Roles = ["admin", "editor", " ", "user"];
        Assert.That((await login.SignInAsync("person-7")).User!.Roles, Is.EqualTo(new[] { "user", "admin", "editor" }));
    }

    [Test]
    public async Task A_provider_refusal_passes_its_reason_through_and_stores_nobody()
    {
        using var login = new LoginHarness();
        var result = await login.SignInAsync("deny", "/x");
        Assert.That(result.FailureReason, Is.EqualTo("access_denied_by_counting"));
        Assert.That(result.FailureKind, Is.EqualTo(SignInFailureKind.Denied));
        Assert.That(result.ReturnPath, Is.EqualTo("/x"));
        Assert.That(((InMemoryUserStore)login.Get<IUserStore>()).Count, Is.Zero);
    }

    [Test]
    public async Task A_provider_that_throws_is_provider_error_never_access()
    {
        using var login = new LoginHarness();
        var result = await login.SignInAsync("throw");
        Assert.That(result.FailureReason, Is.EqualTo(SignInFailures.ProviderError));
        Assert.That(result.FailureKind, Is.EqualTo(SignInFailureKind.Unavailable));
        Assert.That(login.Logs.AllText, Does.Contain("threw InvalidOperationException").And.Not.Contain("the provider broke"));
    }

    [Test]
    public async Task Cancelling_the_request_cancels_the_exchange()
    {
        using var login = new LoginHarness();
        var (start, state) = await login.BeginAsync();
        using var cancel = new CancellationTokenSource();
        var pending = login.Flow.CompleteAsync(new SignInCallback("slow", state, start.BrowserBinding), cancel.Token);
        await cancel.CancelAsync();
        Assert.That(async () => await pending, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task An_identity_without_an_id_is_refused()
    {
        using var login = new LoginHarness();
        var result = await login.SignInAsync("person- ");
        Assert.That(result.FailureReason, Is.EqualTo(SignInFailures.InvalidIdentity));
    }

    [Test]
    public async Task Oversized_values_from_a_provider_are_bounded_so_the_token_still_validates()
    {
        using var login = new LoginHarness(o => o.Admins = ["7"]);
        login.Provider.Shape = identity => identity with
        {
            Name = new string('N', 5000),
            Email = new string('e', 300) + "@example.com",
            AvatarUrl = "https://example.com/" + new string('a', 5000),
            Roles = [.. Enumerable.Range(0, 100).Select(i => "role" + i), new string('r', 2000)],
        };
        var result = await login.SignInAsync("person-7");

        Assert.That(result.Succeeded, Is.True, result.FailureReason);
        var user = result.User!;
        Assert.That(user.Name, Has.Length.EqualTo(256));
        Assert.That(user.Email, Is.Null, "longer than any valid address");
        Assert.That(user.AvatarUrl, Is.Null);
        Assert.That(user.Roles, Has.Count.EqualTo(32));
        Assert.That(user.Roles.Take(3), Is.EqualTo(new[] { "user", "admin", "role0" }), "user and admin come first and are never crowded out");
        Assert.That((await login.Get<ITokenService>().ValidateAsync(result.Token!.Token)).IsValid, Is.True);
    }

    [Test]
    public async Task An_over_long_id_is_refused_rather_than_cut()
    {
        using var login = new LoginHarness();
        login.Provider.Shape = identity => identity with { Id = new string('1', 257) };
        Assert.That((await login.SignInAsync("person-7")).FailureReason, Is.EqualTo(SignInFailures.InvalidIdentity));
    }

    [Test]
    public async Task An_id_with_a_control_character_is_refused_and_such_roles_are_dropped()
    {
        // Tokens refuse control characters in sub and roles, so sign-in must not issue one that could never validate.
        using var login = new LoginHarness();
        login.Provider.Shape = identity => identity with { Id = "7\0admin" };
        Assert.That((await login.SignInAsync("person-7")).FailureReason, Is.EqualTo(SignInFailures.InvalidIdentity));

        login.Provider.Shape = identity => identity with { Roles = ["auditor", "ad\nmin"] };
        var result = await login.SignInAsync("person-7");
        Assert.That(result.User!.Roles, Is.EqualTo(new[] { "user", "auditor" }));
        Assert.That((await login.Get<ITokenService>().ValidateAsync(result.Token!.Token)).IsValid, Is.True);
    }

    [Test]
    public async Task A_blank_name_falls_back_to_the_user_name_then_the_id()
    {
        using var login = new LoginHarness();
        login.Provider.Shape = identity => identity with { Name = " ", UserName = "octo" };
        Assert.That((await login.SignInAsync("person-7")).User!.Name, Is.EqualTo("octo"));
        login.Provider.Shape = identity => identity with { Name = "", UserName = null };
        Assert.That((await login.SignInAsync("person-7")).User!.Name, Is.EqualTo("7"));
    }

    [Test]
    public async Task A_disabled_user_is_refused_at_sign_in_and_their_tokens_afterwards()
    {
        using var login = new LoginHarness();
        var before = await login.SignInAsync("person-7");
        var tokens = login.Get<ITokenService>();
        Assert.That((await tokens.ValidateAsync(before.Token!.Token)).IsValid, Is.True);

        login.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await login.Get<StudioUserManager>().DisableAsync("counting", "7"), Is.True);

        var after = await login.SignInAsync("person-7");
        Assert.That(after.FailureReason, Is.EqualTo(SignInFailures.UserDisabled));
        Assert.That(after.FailureKind, Is.EqualTo(SignInFailureKind.Denied));
        Assert.That((await tokens.ValidateAsync(before.Token.Token)).Rejection, Is.EqualTo(TokenRejection.Revoked));
        Assert.That(tokens.Validate(before.Token.Token).IsValid, Is.True, "Validate alone checks only signature and claims");
    }

    [Test]
    public async Task A_re_enabled_user_can_sign_in_again_with_a_fresh_token()
    {
        using var login = new LoginHarness();
        await login.SignInAsync("person-7");
        var manager = login.Get<StudioUserManager>();
        await manager.DisableAsync("counting", "7");
        login.Time.Advance(TimeSpan.FromSeconds(1)); // token times are whole seconds; the revocation covers its own second
        await manager.EnableAsync("counting", "7");

        var again = await login.SignInAsync("person-7");
        Assert.That(again.Succeeded, Is.True, again.FailureReason);
        Assert.That((await login.Get<ITokenService>().ValidateAsync(again.Token!.Token)).IsValid, Is.True);
    }
}
