using Octokit;
using Octokit.Internal;

namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// Octokit's <see cref="OauthLoginRequest"/> plus PKCE (RFC 7636), which GitHub accepts since July 2025 but
/// Octokit 14 does not model. Octokit builds the query string from every property's <see cref="ParameterAttribute"/>
/// (of the runtime type), so <see cref="OauthClient.GetGitHubLoginUrl"/> serialises these two as well.
/// </summary>
internal sealed class PkceOauthLoginRequest(string clientId) : OauthLoginRequest(clientId)
{
    /// <summary>base64url(SHA-256(verifier)).</summary>
    [Parameter(Key = "code_challenge")]
    public string? CodeChallenge { get; set; }

    /// <summary>Always <c>S256</c> when a challenge is sent.</summary>
    [Parameter(Key = "code_challenge_method")]
    public string? CodeChallengeMethod { get; set; }
}
