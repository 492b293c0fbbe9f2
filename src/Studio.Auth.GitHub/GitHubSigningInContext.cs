using Octokit;

namespace Studio.Auth.GitHub;

/// <summary>
/// What <see cref="GitHubAuthEvents.OnSigningIn"/> sees: the account, the GitHub access token, the roles about to
/// be granted, and an authenticated Octokit client. Never log the context's token.
/// </summary>
public sealed class GitHubSigningInContext
{
    internal GitHubSigningInContext(GitHubUser user, string accessToken, IReadOnlyList<string> grantedScopes, IGitHubClient client, IList<string> roles, CancellationToken cancellationToken)
    {
        User = user;
        AccessToken = accessToken;
        GrantedScopes = grantedScopes;
        Client = client;
        Roles = roles;
        CancellationToken = cancellationToken;
    }

    /// <summary>The account signing in.</summary>
    public GitHubUser User { get; }

    /// <summary>The GitHub OAuth access token of this sign-in. Secret: never log it, never put it in a session token.</summary>
    public string AccessToken { get; }

    /// <summary>The scopes GitHub granted (from the code exchange's <c>scope</c>).</summary>
    public IReadOnlyList<string> GrantedScopes { get; }

    /// <summary>An Octokit client authenticated as the user, for further calls. Bound your own calls; the provider's timeout does not apply to them.</summary>
    public IGitHubClient Client { get; }

    /// <summary>Roles the user will get besides <c>user</c> (the provider's <c>admin</c> mapping is already applied). Add or remove freely.</summary>
    public IList<string> Roles { get; }

    /// <summary>Cancelled when the sign-in request is aborted.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The reason code set by <see cref="Deny"/>, or <see langword="null"/>.</summary>
    public string? DeniedReason { get; private set; }

    /// <summary>The description set by <see cref="Deny"/>.</summary>
    public string? DeniedDescription { get; private set; }

    /// <summary>Refuses the sign-in: no user row, no session token; the callback reports <paramref name="reason"/>.</summary>
    /// <param name="reason">A snake_case reason code, for example <c>not_allowed</c>.</param>
    /// <param name="description">A human-readable explanation without secrets.</param>
    public void Deny(string reason = GitHubAuthenticationConstants.Failures.NotAllowed, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        DeniedReason = reason;
        DeniedDescription = description;
    }

    /// <inheritdoc/>
    public override string ToString() => $"GitHubSigningInContext {{ User = {User.Login} ({User.Id}), AccessToken = (withheld) }}";
}
