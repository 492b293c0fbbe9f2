using Octokit;
using Studio.Auth.Login;
using Studio.Auth.Providers;

namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// The URL the browser is sent to: <c>{base_url}/login/oauth/authorize</c> with <c>client_id</c>, <c>redirect_uri</c>
/// (the callback URL exactly), <c>scope</c>, <c>state</c>, <c>allow_signup</c> and PKCE <c>code_challenge</c> with
/// <c>code_challenge_method=S256</c>, built by Octokit's <see cref="OauthClient"/>.
/// </summary>
internal static class GitHubSignInUrl
{
    public static Uri Build(OauthClient oauth, GitHubAuthOptions options, SignInUrlContext context)
    {
        var request = new PkceOauthLoginRequest(options.ClientId!)
        {
            RedirectUri = new Uri(options.CallbackUrl!),
            State = context.State,
            AllowSignup = options.AllowSignup,
        };
        foreach (var scope in options.Scopes)
        {
            request.Scopes.Add(scope);
        }

        if (context.CodeChallenge is { } challenge)
        {
            request.CodeChallenge = challenge;
            request.CodeChallengeMethod = Pkce.ChallengeMethod;
        }

        return oauth.GetGitHubLoginUrl(request);
    }
}
