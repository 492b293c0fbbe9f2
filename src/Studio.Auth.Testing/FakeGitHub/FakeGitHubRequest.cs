namespace Studio.Auth.Testing;

/// <summary>
/// One request a <see cref="FakeGitHubServer"/> received, with secrets redacted: the values of <c>client_secret</c>,
/// <c>code</c>, <c>code_verifier</c>, <c>state</c> and <c>access_token</c> read <see cref="Redacted"/> (so a test can
/// still see they were sent), and the <c>Authorization</c> header keeps only its scheme.
/// </summary>
/// <param name="At">When it arrived (the server's <see cref="FakeGitHubServerOptions.TimeProvider"/>).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the query string.</param>
/// <param name="Endpoint">Which endpoint it was.</param>
/// <param name="Query">Query parameters, redacted.</param>
/// <param name="Form">Form fields of a form-encoded body, redacted.</param>
/// <param name="Accept">The <c>Accept</c> header.</param>
/// <param name="AuthorizationScheme">The scheme of the <c>Authorization</c> header (<c>Bearer</c>, <c>token</c>), or null.</param>
/// <param name="UserAgent">The <c>User-Agent</c> header.</param>
/// <param name="StatusCode">The status the fake answered with (0 when the client gave up first).</param>
/// <param name="Failure">The scripted failure that answered it, if any.</param>
public sealed record FakeGitHubRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    FakeGitHubEndpoint Endpoint,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Form,
    string? Accept,
    string? AuthorizationScheme,
    string? UserAgent,
    int StatusCode,
    string? Failure)
{
    /// <summary>What a secret value reads as in the record.</summary>
    public const string Redacted = "(redacted)";
}
