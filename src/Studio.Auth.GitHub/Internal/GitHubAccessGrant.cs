namespace Studio.Auth.GitHub.Internal;

/// <summary>The result of a successful code exchange. Holds a secret: never log it.</summary>
/// <param name="AccessToken">The user's GitHub access token.</param>
/// <param name="Scopes">The scopes GitHub granted (empty when the answer did not say).</param>
internal sealed record GitHubAccessGrant(string AccessToken, IReadOnlyList<string> Scopes)
{
    public override string ToString() => $"GitHubAccessGrant {{ AccessToken = (withheld), Scopes = {string.Join(",", Scopes)} }}";
}
