using Studio.Auth.GitHub.Tests.Support;
using Studio.Auth.Testing;
using static Studio.Auth.GitHub.Tests.Support.SignInAssert;

namespace Studio.Auth.GitHub.Tests.SignIn;

/// <summary>
/// Octokit follows redirects itself and re-sends the request: a redirect from GitHub to another origin must never
/// carry the client secret, the code, the PKCE verifier or the user's access token there.
/// </summary>
public class RedirectTests
{
    [TestCase(301)]
    [TestCase(302)]
    [TestCase(307)]
    [TestCase(308)]
    public async Task A_code_exchange_redirected_to_another_origin_sends_nothing_there_and_fails(int status)
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        await using var elsewhere = await FakeGitHubServer.StartAsync();
        var user = h.GitHub.AddUser("octocat");
        h.GitHub.Failures.Once(FakeGitHubEndpoint.AccessToken, RedirectTo(status, elsewhere.BaseUrl + "/login/oauth/access_token"));

        await RefusedAsync(h, await h.SignInAsync(), "github_bad_response", user);
        Assert.That(elsewhere.Requests, Is.Empty, "the client secret, code and verifier must not leave GitHub's origin");
    }

    [TestCase(FakeGitHubEndpoint.User)]
    [TestCase(FakeGitHubEndpoint.UserEmails)]
    public async Task A_rest_call_redirected_to_another_port_does_not_send_the_access_token_there(FakeGitHubEndpoint endpoint)
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        await using var elsewhere = await FakeGitHubServer.StartAsync();
        h.GitHub.AddUser("octocat").WithEmail("o@example.com");
        h.GitHub.Failures.Once(endpoint, RedirectTo(302, elsewhere.ApiUrl + "/user"));

        var result = await h.SignInAsync();

        Assert.That(elsewhere.Requests, Is.Empty, "same host, other port: Octokit alone would keep the Authorization header");
        if (endpoint == FakeGitHubEndpoint.User)
        {
            Assert.That(result.FailureReason, Is.EqualTo("github_bad_response"));
        }
    }

    [Test]
    public async Task A_redirect_within_githubs_own_origin_is_still_followed()
    {
        await using var h = await GitHubSignInHarness.StartAsync();
        h.GitHub.AddUser("octocat", id: 7);
        h.GitHub.Failures.Once(FakeGitHubEndpoint.User, RedirectTo(301, h.GitHub.ApiUrl + "/user"));

        var result = await h.SignInAsync();

        Succeeded(h, result);
        Assert.That(result.User!.Id, Is.EqualTo("7"));
    }

    private static FakeGitHubFailure RedirectTo(int status, string location) =>
        FakeGitHubFailure.Raw(status, "text/plain", string.Empty, new Dictionary<string, string> { ["Location"] = location });
}
