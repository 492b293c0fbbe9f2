using Octokit;
using Octokit.Internal;

namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// Octokit's <see cref="OauthTokenRequest"/> plus the PKCE <c>code_verifier</c>; its
/// <see cref="RequestParameters.ToParametersDictionary"/> gives the form body of the code exchange.
/// </summary>
internal sealed class PkceOauthTokenRequest(string clientId, string clientSecret, string code) : OauthTokenRequest(clientId, clientSecret, code)
{
    /// <summary>The verifier whose challenge was sent with the sign-in URL.</summary>
    [Parameter(Key = "code_verifier")]
    public string? CodeVerifier { get; set; }

    /// <inheritdoc/>
    public override string ToString() => "PkceOauthTokenRequest { (values withheld) }";
}
