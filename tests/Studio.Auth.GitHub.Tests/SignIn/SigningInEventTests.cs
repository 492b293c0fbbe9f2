using System.Text;
using Studio.Auth.GitHub.Tests.Support;
using Studio.Auth.Testing;
using static Studio.Auth.GitHub.Tests.Support.SignInAssert;

namespace Studio.Auth.GitHub.Tests.SignIn;

/// <summary>The opt-in hook is the only place the GitHub access token appears.</summary>
public class SigningInEventTests
{
    [Test]
    public async Task Hook_receives_a_working_access_token_and_can_add_roles()
    {
        string? seenToken = null;
        GitHubUser? seenUser = null;
        IReadOnlyList<string>? seenScopes = null;
        await using var h = await GitHubSignInHarness.StartAsync(o => o.Events.OnSigningIn = context =>
        {
            seenToken = context.AccessToken;
            seenUser = context.User;
            seenScopes = context.GrantedScopes;
            context.Roles.Add("reviewer");
            return Task.CompletedTask;
        });
        var octocat = h.GitHub.AddUser("octocat", id: 9, name: "Octo").WithEmail("o@example.com");

        var result = await h.SignInAsync();

        Succeeded(h, result);
        Assert.That(h.GitHub.FindUserByAccessToken(seenToken!), Is.SameAs(octocat));
        Assert.That(seenUser, Is.EqualTo(new GitHubUser(9, "octocat", "Octo", octocat.AvatarUrl, octocat.HtmlUrl, "o@example.com")));
        Assert.That(seenScopes, Is.EqualTo(new[] { "user:email" }));
        Assert.That(result.User!.Roles, Is.EquivalentTo(new[] { "user", "reviewer" }));
    }

    [Test]
    public async Task Hook_can_deny_the_sign_in_and_no_user_row_is_written()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.Events.OnSigningIn = context =>
        {
            context.Deny("suspended_here", "Suspended by the host.");
            return Task.CompletedTask;
        });
        var user = h.GitHub.AddUser("octocat");

        var result = await h.SignInAsync();

        await RefusedAsync(h, result, "suspended_here", user);
        Assert.That(result.FailureDescription, Is.EqualTo("Suspended by the host."));
    }

    [Test]
    public async Task Hook_that_throws_fails_the_sign_in_as_provider_error()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.Events.OnSigningIn = _ => throw new InvalidOperationException("host bug"));
        var user = h.GitHub.AddUser("octocat");

        await RefusedAsync(h, await h.SignInAsync(), "provider_error", user);
    }

    [Test]
    public async Task Access_token_is_in_neither_the_session_token_nor_the_logs()
    {
        string? accessToken = null;
        await using var h = await GitHubSignInHarness.StartAsync(o => o.Events.OnSigningIn = context =>
        {
            accessToken = context.AccessToken;
            return Task.CompletedTask;
        });
        h.GitHub.AddUser("octocat").WithEmail("o@example.com");
        var start = await h.Flow.BeginAsync(null);
        var authorization = await h.GitHub.AuthorizeAsync(start.LoginUrl!);
        var result = await h.Flow.CompleteAsync(new Login.SignInCallback(authorization.Code, authorization.State, start.BrowserBinding));
        h.GitHub.Failures.Once(FakeGitHubEndpoint.User, FakeGitHubFailure.ServerError());
        _ = await h.SignInAsync();

        Succeeded(h, result);
        var jwt = result.Token!.Token;
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(jwt.Split('.')[1])));
        Assert.That(payload, Does.Not.Contain(accessToken!).And.Not.Contain("gho_"));
        Assert.That(jwt, Does.Not.Contain(accessToken!));
        var logs = h.Logs.Text;
        Assert.That(logs, Is.Not.Empty);
        Assert.That(logs, Does.Not.Contain(accessToken!));
        Assert.That(logs, Does.Not.Contain(h.GitHub.ClientSecret));
        Assert.That(logs, Does.Not.Contain(authorization.Code!));
        Assert.That(logs, Does.Not.Contain(authorization.State!));
        Assert.That(logs, Does.Not.Contain("gho_"));
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }
}
