using Microsoft.Extensions.Logging;
using Studio.Auth.GitHub.Tests.Support;
using Studio.Auth.Providers;
using Studio.Auth.Testing;
using static Studio.Auth.GitHub.Tests.Support.SignInAssert;

namespace Studio.Auth.GitHub.Tests.SignIn;

/// <summary>GET /user and GET /user/emails: the id is the key, only a verified primary address counts.</summary>
public class UserProfileTests
{
    [Test]
    public async Task Renamed_login_keeps_its_user_and_the_profile_is_refreshed()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat", id: 42, name: "Octo").WithEmail("old@example.com");
        var first = await h.SignInAsync();
        Succeeded(h, first);

        user.Login = "octocat-renamed";
        user.Name = "Octo Renamed";
        user.WithEmail("new@example.com");
        var second = await h.SignInAsync();

        Succeeded(h, second);
        Assert.That(second.User!.Id, Is.EqualTo("42"));
        var stored = await h.FindUserAsync(42);
        Assert.That(stored!.User.Name, Is.EqualTo("Octo Renamed"));
        Assert.That(stored.User.Email, Is.EqualTo("new@example.com"));
        Assert.That(stored.CreatedAt, Is.LessThanOrEqualTo(stored.LastSignInAt));
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.User), Is.EqualTo(2), "every sign-in re-reads the user");
    }

    [Test]
    public async Task Unverified_primary_email_gives_no_email_even_with_another_verified_address()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat")
            .WithEmail("verified-secondary@example.com", primary: true, verified: true)
            .WithEmail("unverified-primary@example.com", primary: true, verified: false);

        var result = await h.SignInAsync();

        Succeeded(h, result);
        Assert.That(user.Emails.Single(e => e.Primary).Verified, Is.False);
        Assert.That(result.User!.Email, Is.Null);
    }

    [Test]
    public async Task Public_profile_email_is_not_used_in_place_of_the_verified_primary()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        user.PublicEmail = "public@example.com";

        var result = await h.SignInAsync();

        Succeeded(h, result);
        Assert.That(result.User!.Email, Is.Null);
    }

    [TestCase(403)]
    [TestCase(404)]
    public async Task Emails_forbidden_or_not_found_signs_in_without_email_and_logs_a_warning(int status)
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        h.GitHub.AddUser("octocat", id: 7).WithEmail("o@example.com");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.UserEmails, FakeGitHubFailure.Status(status));

        var result = await h.SignInAsync();

        Succeeded(h, result);
        Assert.That(result.User!.Email, Is.Null);
        Assert.That(h.Logs.Lines.Any(l => l.Level == LogLevel.Warning && l.Message.Contains("/user/emails", StringComparison.Ordinal) && l.Message.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)), Is.True, h.Logs.Text);
    }

    [Test]
    public async Task Without_user_email_scope_the_email_list_is_not_read()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.Scopes = ["read:user"]);
        h.GitHub.AddUser("octocat").WithEmail("o@example.com");

        var result = await h.SignInAsync();

        Succeeded(h, result);
        Assert.That(result.User!.Email, Is.Null);
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.UserEmails), Is.Zero);
    }

    [Test]
    public async Task Emails_server_error_fails_the_sign_in()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat").WithEmail("o@example.com");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.UserEmails, FakeGitHubFailure.ServerError());

        await RefusedAsync(h, await h.SignInAsync(), "github_unavailable", user, SignInFailureKind.Unavailable);
    }

    [Test]
    public async Task Emails_rate_limited_fails_as_rate_limited_not_as_a_missing_email()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat").WithEmail("o@example.com");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.UserEmails, FakeGitHubFailure.RateLimited());

        await RefusedAsync(h, await h.SignInAsync(), "github_rate_limited", user);
    }

    [TestCase(500, "github_unavailable", SignInFailureKind.Unavailable)]
    [TestCase(503, "github_unavailable", SignInFailureKind.Unavailable)]
    [TestCase(401, "github_unauthorized", SignInFailureKind.Denied)]
    [TestCase(404, "github_bad_response", SignInFailureKind.Unavailable)]
    public async Task User_call_error_status_fails_with_a_distinct_reason(int status, string reason, SignInFailureKind kind)
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.User, FakeGitHubFailure.Status(status));

        await RefusedAsync(h, await h.SignInAsync(), reason, user, kind);
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.User), Is.EqualTo(1), "no retries");
    }

    [Test]
    public async Task Access_token_revoked_before_the_user_call_fails_as_unauthorized()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        var start = await h.Flow.BeginAsync(null);
        var authorization = await h.GitHub.AuthorizeAsync(start.LoginUrl!);
        h.GitHub.Failures.Once(FakeGitHubEndpoint.User, FakeGitHubFailure.Status(401, "Bad credentials"));

        var result = await h.Flow.CompleteAsync(new Login.SignInCallback(authorization.Code, authorization.State, start.BrowserBinding));

        await RefusedAsync(h, result, "github_unauthorized", user, SignInFailureKind.Denied);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Rate_limited_user_call_fails_as_rate_limited(bool tooManyRequests)
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.User, tooManyRequests ? FakeGitHubFailure.TooManyRequests() : FakeGitHubFailure.RateLimited());

        await RefusedAsync(h, await h.SignInAsync(), "github_rate_limited", user, SignInFailureKind.Unavailable);
    }

    [Test]
    public async Task Secondary_rate_limit_fails_as_rate_limited()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.User, FakeGitHubFailure.SecondaryRateLimited(120));

        await RefusedAsync(h, await h.SignInAsync(), "github_rate_limited", user);
        Assert.That(h.Logs.Text, Does.Contain("retry after 120 s"));
    }

    [TestCase("""{"login":"octocat","name":"No Id"}""")]
    [TestCase("""{"id":0,"login":"octocat"}""")]
    [TestCase("""{"id":5}""")]
    [TestCase("""{"id":"five","login":"octocat"}""")]
    [TestCase("""{"id":5,"login":""")]
    [TestCase("[]")]
    [TestCase("""{"id":5.5,"login":"octocat"}""")]
    [TestCase("""{"id":4.6,"login":"octocat"}""")]
    [TestCase("""{"id":5e0,"login":"octocat"}""")]
    [TestCase("""{"id":"5","login":"octocat"}""")]
    [TestCase("""{"id":null,"login":"octocat"}""")]
    [TestCase("""{"id":true,"login":"octocat"}""")]
    [TestCase("""{"id":-5,"login":"octocat"}""")]
    [TestCase("""{"id":5,"id":6,"login":"octocat"}""")]
    public async Task Unusable_user_answer_fails_as_bad_response(string body)
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat", id: 5);
        h.GitHub.Failures.Once(FakeGitHubEndpoint.User, FakeGitHubFailure.JsonBody(body));

        await RefusedAsync(h, await h.SignInAsync(), "github_bad_response", user, SignInFailureKind.Unavailable);
    }

    [Test]
    public async Task Slow_user_call_fails_after_the_timeout()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.TimeoutSeconds = 1);
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.User, FakeGitHubFailure.Slow(TimeSpan.FromSeconds(30)));

        await RefusedAsync(h, await h.SignInAsync(), "github_timeout", user, SignInFailureKind.Unavailable);
    }

    [Test]
    public async Task Slow_answer_within_the_timeout_still_signs_in()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.User, FakeGitHubFailure.Slow(TimeSpan.FromMilliseconds(50)));

        Succeeded(h, await h.SignInAsync());
    }
}
