using Studio.Auth.Login;
using Studio.Auth.Providers;
using Studio.Auth.Testing;

namespace Studio.Auth.GitHub.Tests.Support;

public static class SignInAssert
{
    /// <summary>The sign-in failed with <paramref name="reason"/>: no token, and no user row for <paramref name="user"/>.</summary>
    public static async Task RefusedAsync(GitHubSignInHarness h, SignInResult result, string reason, FakeGitHubUser user, SignInFailureKind? kind = null)
    {
        Assert.That(result.Succeeded, Is.False, "the sign-in should have failed");
        Assert.That(result.FailureReason, Is.EqualTo(reason), result.FailureDescription + Environment.NewLine + h.Logs.Text);
        Assert.That(result.Token, Is.Null);
        Assert.That(await h.FindUserAsync(user.Id), Is.Null, "no user row may be written");
        if (kind is { } expected)
        {
            Assert.That(result.FailureKind, Is.EqualTo(expected));
        }
    }

    public static void Succeeded(GitHubSignInHarness h, SignInResult result) =>
        Assert.That(result.Succeeded, Is.True, result.FailureReason + ": " + result.FailureDescription + Environment.NewLine + h.Logs.Text);

    public static int CallsTo(FakeGitHubServer gh, FakeGitHubEndpoint endpoint) => gh.Requests.Count(r => r.Endpoint == endpoint);
}
