using Studio.Auth.GitHub.Tests.Support;
using Studio.Auth.Providers;
using Studio.Auth.Testing;
using static Studio.Auth.GitHub.Tests.Support.SignInAssert;

namespace Studio.Auth.GitHub.Tests.SignIn;

/// <summary>GitHub reports exchange errors with HTTP 200: every error shape stops the sign-in before any user call.</summary>
public class CodeExchangeFailureTests
{
    [TestCase("bad_verification_code", SignInFailureKind.Denied)]
    [TestCase("incorrect_client_credentials", SignInFailureKind.Unavailable)]
    [TestCase("redirect_uri_mismatch", SignInFailureKind.Unavailable)]
    [TestCase("unverified_user_email", SignInFailureKind.Denied)]
    [TestCase("some_future_error", SignInFailureKind.Denied)]
    public async Task Http_200_with_an_error_field_fails_with_GitHubs_code(string error, SignInFailureKind kind)
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat").WithEmail("o@example.com");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.OAuth(error));

        var result = await h.SignInAsync();

        await RefusedAsync(h, result, error, user, kind);
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.User), Is.Zero, "no user call after a failed exchange");
    }

    [Test]
    public async Task Form_encoded_error_fails_with_GitHubs_code()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.OAuthFormEncoded("bad_verification_code"));

        await RefusedAsync(h, await h.SignInAsync(), "bad_verification_code", user);
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.User), Is.Zero);
    }

    [Test]
    public async Task Error_code_that_is_not_a_plain_word_is_not_echoed()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.JsonBody("""{"error":"<script>alert(1)</script>"}"""));

        await RefusedAsync(h, await h.SignInAsync(), "github_error", user);
    }

    [Test]
    public async Task Answer_without_access_token_fails()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.JsonBody("""{"token_type":"bearer","scope":"user:email"}"""));

        await RefusedAsync(h, await h.SignInAsync(), "github_missing_access_token", user);
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.User), Is.Zero);
    }

    [Test]
    public async Task Empty_json_object_fails_as_missing_access_token()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.JsonBody("{}"));

        await RefusedAsync(h, await h.SignInAsync(), "github_missing_access_token", user);
    }

    [TestCase("mac")]
    [TestCase("")]
    public async Task Token_type_other_than_bearer_fails(string tokenType)
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.JsonBody($$"""{"access_token":"gho_x","token_type":"{{tokenType}}"}"""));

        await RefusedAsync(h, await h.SignInAsync(), "github_unsupported_token_type", user);
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.User), Is.Zero);
    }

    [TestCase(500, "github_unavailable", SignInFailureKind.Unavailable)]
    [TestCase(502, "github_unavailable", SignInFailureKind.Unavailable)]
    [TestCase(503, "github_unavailable", SignInFailureKind.Unavailable)]
    [TestCase(404, "github_bad_response", SignInFailureKind.Unavailable)]
    [TestCase(422, "github_bad_response", SignInFailureKind.Unavailable)]
    public async Task Non_2xx_status_fails_with_a_distinct_reason(int status, string reason, SignInFailureKind kind)
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.Status(status));

        await RefusedAsync(h, await h.SignInAsync(), reason, user, kind);
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.AccessToken), Is.EqualTo(1), "no retries");
    }

    [Test]
    public async Task Non_2xx_status_with_an_oauth_error_body_carries_GitHubs_code()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.Raw(400, "application/json", """{"error":"incorrect_client_credentials"}"""));

        await RefusedAsync(h, await h.SignInAsync(), "incorrect_client_credentials", user);
    }

    [Test]
    public async Task Rate_limited_exchange_fails_as_rate_limited()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.TooManyRequests(30));

        await RefusedAsync(h, await h.SignInAsync(), "github_rate_limited", user, SignInFailureKind.Unavailable);
        Assert.That(h.Logs.Text, Does.Contain("retry after 30 s"));
    }

    [TestCase("application/json", "{\"access_token\":")]
    [TestCase("text/html; charset=utf-8", "<html><body>Unicorn!</body></html>")]
    [TestCase("application/json", "[1,2,3]")]
    public async Task Unreadable_answer_fails_as_bad_response(string contentType, string body)
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.Raw(200, contentType, body));

        await RefusedAsync(h, await h.SignInAsync(), "github_bad_response", user);
    }

    [Test]
    public async Task Oversized_answer_is_refused_as_bad_response()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        var huge = "{\"access_token\":\"gho_x\",\"token_type\":\"bearer\",\"padding\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.JsonBody(huge));

        await RefusedAsync(h, await h.SignInAsync(), "github_bad_response", user);
    }

    [Test]
    public void Granted_scopes_are_split_on_commas_and_spaces()
    {
        var token = new Octokit.OauthToken("bearer", "t", 0, null, 0, ["read:user user:email", "read:org"], null, null, null);

        Assert.That(GitHub.Internal.GitHubTokenAnswer.From(token).Scopes, Is.EqualTo(new[] { "read:user", "user:email", "read:org" }));
    }

    [Test]
    public async Task Json_answer_under_another_content_type_is_still_read()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.Raw(200, "text/plain", """{"access_token":"gho_unknown","token_type":"bearer"}"""));

        // The token was read (so /user was asked), and the fake does not know it.
        await RefusedAsync(h, await h.SignInAsync(), "github_unauthorized", user);
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.User), Is.EqualTo(1));
    }

    [Test]
    public async Task Exchange_that_never_answers_fails_after_the_timeout()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.TimeoutSeconds = 1);
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.Hang());

        await RefusedAsync(h, await h.SignInAsync(), "github_timeout", user, SignInFailureKind.Unavailable);
    }

    [Test]
    public async Task GitHub_down_fails_as_unavailable()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.BaseUrl = "http://127.0.0.1:9");
        var user = h.GitHub.AddUser("octocat");
        var start = await h.Flow.BeginAsync("/");

        // The browser reached the fake (it issued a code); the server's own calls go to a closed port.
        var authorization = await h.GitHub.AuthorizeAsync(new Uri(h.GitHub.BaseUrl + start.LoginUrl!.PathAndQuery));
        var result = await h.Flow.CompleteAsync(new Login.SignInCallback(authorization.Code, authorization.State, start.BrowserBinding));

        await RefusedAsync(h, result, "github_unavailable", user, SignInFailureKind.Unavailable);
    }

    [Test]
    public async Task Wrong_client_secret_is_refused_by_the_fake_as_incorrect_client_credentials()
    {
        await using var h = await GitHubSignInHarness.StartAsync(o => o.ClientSecret = "not-the-secret");
        var user = h.GitHub.AddUser("octocat");

        await RefusedAsync(h, await h.SignInAsync(), "incorrect_client_credentials", user, SignInFailureKind.Unavailable);
        Assert.That(h.Logs.Lines.Any(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains("client_secret", StringComparison.Ordinal)), Is.True,
            "a misconfiguration is logged as an error that says what to check");
    }

    [Test]
    public async Task Callback_url_other_than_the_registered_one_fails_with_redirect_uri_mismatch()
    {
        await using var h = await GitHubSignInHarness.StartAsync(fake: new FakeGitHubServerOptions { CallbackUrl = "https://studio.example.com/api/auth/callback" });
        var user = h.GitHub.AddUser("octocat");

        await RefusedAsync(h, await h.SignInAsync(), "redirect_uri_mismatch", user);
        Assert.That(CallsTo(h.GitHub, FakeGitHubEndpoint.AccessToken), Is.Zero);
    }

    [Test]
    public async Task Person_cancelling_on_GitHub_fails_with_access_denied()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.Authorize, FakeGitHubFailure.OAuth("access_denied"));

        await RefusedAsync(h, await h.SignInAsync(), "access_denied", user);
    }
}
