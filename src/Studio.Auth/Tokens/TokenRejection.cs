namespace Studio.Auth.Tokens;

/// <summary>Why a token was refused. Each value has a stable snake_case reason code (<see cref="TokenRejectionCodes"/>).</summary>
public enum TokenRejection
{
    /// <summary>Not refused: the token is valid.</summary>
    None = 0,

    /// <summary><c>malformed</c>: not three strict base64url segments, or a header/payload that is not a single, duplicate-free JSON object.</summary>
    Malformed,

    /// <summary><c>too_large</c>: over 8 KB; refused before any decoding.</summary>
    TooLarge,

    /// <summary><c>algorithm_not_allowed</c>: <c>alg</c> is not exactly <c>HS256</c> (including <c>none</c> in any case).</summary>
    AlgorithmNotAllowed,

    /// <summary><c>unsupported_header</c>: a header member other than <c>alg</c>, <c>typ</c> (JWT) and <c>kid</c> (<c>crit</c>, <c>jku</c>, <c>jwk</c>, <c>x5u</c>, ...).</summary>
    UnsupportedHeader,

    /// <summary><c>unknown_key</c>: <c>kid</c> names none of the configured keys.</summary>
    UnknownKey,

    /// <summary><c>bad_signature</c>: the HMAC does not match under any configured key.</summary>
    BadSignature,

    /// <summary><c>invalid_claim</c>: a registered claim has the wrong JSON type, is empty where a value is required, or is out of range (times are plain integers in years 1970-9999, and <c>exp</c> is after <c>iat</c> and <c>nbf</c>; identifiers such as <c>sub</c> have no control characters).</summary>
    InvalidClaim,

    /// <summary><c>missing_claim</c>: a required claim (<c>exp</c>, <c>iat</c>, <c>sub</c>, <c>iss</c>, <c>aud</c>, <c>jti</c>, <c>provider</c>) is absent.</summary>
    MissingClaim,

    /// <summary><c>expired</c>: <c>exp</c> is in the past (beyond the clock skew).</summary>
    Expired,

    /// <summary><c>not_yet_valid</c>: <c>nbf</c> is in the future (beyond the clock skew).</summary>
    NotYetValid,

    /// <summary><c>issued_in_future</c>: <c>iat</c> is in the future (beyond the clock skew).</summary>
    IssuedInFuture,

    /// <summary><c>lifetime_too_long</c>: <c>exp - iat</c> exceeds the configured token lifetime (<c>token_expiry_minutes</c>).</summary>
    LifetimeTooLong,

    /// <summary><c>wrong_issuer</c>: <c>iss</c> is not the configured issuer.</summary>
    WrongIssuer,

    /// <summary><c>wrong_audience</c>: <c>aud</c> does not contain the configured audience.</summary>
    WrongAudience,

    /// <summary><c>revoked</c>: the token was signed out, or its user was disabled, deleted or signed out everywhere.</summary>
    Revoked,
}

/// <summary>The wire form of <see cref="TokenRejection"/>.</summary>
public static class TokenRejectionCodes
{
    /// <summary>The snake_case reason code (<c>bad_signature</c>), or null for <see cref="TokenRejection.None"/>.</summary>
    public static string? ToCode(this TokenRejection rejection) => rejection switch
    {
        TokenRejection.None => null,
        TokenRejection.Malformed => "malformed",
        TokenRejection.TooLarge => "too_large",
        TokenRejection.AlgorithmNotAllowed => "algorithm_not_allowed",
        TokenRejection.UnsupportedHeader => "unsupported_header",
        TokenRejection.UnknownKey => "unknown_key",
        TokenRejection.BadSignature => "bad_signature",
        TokenRejection.InvalidClaim => "invalid_claim",
        TokenRejection.MissingClaim => "missing_claim",
        TokenRejection.Expired => "expired",
        TokenRejection.NotYetValid => "not_yet_valid",
        TokenRejection.IssuedInFuture => "issued_in_future",
        TokenRejection.LifetimeTooLong => "lifetime_too_long",
        TokenRejection.WrongIssuer => "wrong_issuer",
        TokenRejection.WrongAudience => "wrong_audience",
        TokenRejection.Revoked => "revoked",
        _ => "invalid_token",
    };
}
