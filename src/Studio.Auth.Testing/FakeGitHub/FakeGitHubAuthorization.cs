namespace Studio.Auth.Testing;

/// <summary>Where the fake's sign-in page sent the browser: the callback URL with either a code or an error.</summary>
/// <param name="RedirectUri">The full callback URL (with its query string).</param>
/// <param name="Code">The <c>code</c> parameter, or null.</param>
/// <param name="State">The <c>state</c> parameter, or null.</param>
/// <param name="Error">The <c>error</c> parameter (<c>access_denied</c>, <c>redirect_uri_mismatch</c>, ...), or null.</param>
public sealed record FakeGitHubAuthorization(Uri RedirectUri, string? Code, string? State, string? Error)
{
    /// <inheritdoc/>
    public override string ToString() => $"FakeGitHubAuthorization {{ Error = {Error ?? "none"}, Code = {(Code is null ? "none" : "(withheld)")} }}";
}
