namespace Studio.Auth.Gate;

/// <summary>Reason codes the gate gives before a token is validated (token reasons come from <see cref="Tokens.TokenRejection"/>).</summary>
public static class GateFailures
{
    /// <summary>No token was sent.</summary>
    public const string MissingToken = "missing_token";

    /// <summary>The Authorization header is not <c>Bearer &lt;token&gt;</c> (another scheme, or an empty token).</summary>
    public const string InvalidAuthorizationHeader = "invalid_authorization_header";

    /// <summary>More than one Authorization header (or <c>token</c> parameter) was sent.</summary>
    public const string MultipleTokens = "multiple_tokens";

    /// <summary>A token was sent both in the header and in the query.</summary>
    public const string AmbiguousToken = "ambiguous_token";

    /// <summary><c>?token=</c> is accepted only on WebSocket upgrades.</summary>
    public const string QueryTokenNotAllowed = "query_token_not_allowed";
}
