using Studio.Auth.GitHub;

namespace Studio.Auth.Testing;

/// <summary>Points the GitHub provider at a <see cref="FakeGitHubServer"/>.</summary>
public static class FakeGitHubOptionsExtensions
{
    /// <summary>
    /// Sets <c>base_url</c>, <c>api_url</c>, <c>client_id</c> and <c>client_secret</c> to the fake's, and
    /// <c>callback_url</c> when given: <c>AddGitHub(o =&gt; o.UseFakeGitHub(gh, callbackUrl))</c>.
    /// </summary>
    public static GitHubAuthOptions UseFakeGitHub(this GitHubAuthOptions options, FakeGitHubServer server, string? callbackUrl = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        options.BaseUrl = server.BaseUrl;
        options.ApiUrl = server.ApiUrl;
        options.ClientId = server.ClientId;
        options.ClientSecret = server.ClientSecret;
        if (callbackUrl is not null)
        {
            options.CallbackUrl = callbackUrl;
        }

        return options;
    }
}
