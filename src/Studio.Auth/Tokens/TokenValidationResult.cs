using System.Diagnostics.CodeAnalysis;

namespace Studio.Auth.Tokens;

/// <summary>
/// The outcome of validating a token: valid with the user and the token's identity, or refused
/// with a <see cref="Rejection"/>. Validation never throws on bad input.
/// </summary>
public sealed class TokenValidationResult
{
    private static readonly TokenValidationResult[] RejectionResults =
        Enum.GetValues<TokenRejection>().Select(r => new TokenValidationResult(r)).ToArray();

    private TokenValidationResult(TokenRejection rejection) => Rejection = rejection;

    internal TokenValidationResult(StudioUser user, string tokenId, long issuedAt, long notBefore, long expiresAt, string keyId)
    {
        User = user;
        TokenId = tokenId;
        IssuedAtUnix = issuedAt;
        NotBeforeUnix = notBefore;
        ExpiresAtUnix = expiresAt;
        KeyId = keyId;
    }

    /// <summary>Whether the token is valid.</summary>
    [MemberNotNullWhen(true, nameof(User), nameof(TokenId), nameof(KeyId))]
    public bool IsValid => Rejection == TokenRejection.None;

    /// <summary>Why the token was refused; <see cref="TokenRejection.None"/> when valid.</summary>
    public TokenRejection Rejection { get; }

    /// <summary>The snake_case reason code (<c>expired</c>, ...), or null when valid.</summary>
    public string? ReasonCode => Rejection.ToCode();

    /// <summary>The user the token was issued to, when valid.</summary>
    public StudioUser? User { get; }

    /// <summary>The token's unique id (<c>jti</c>), used to revoke it.</summary>
    public string? TokenId { get; }

    /// <summary>The fingerprint of the key that signed the token (<c>kid</c>).</summary>
    public string? KeyId { get; }

    /// <summary>When the token was issued (<c>iat</c>).</summary>
    public DateTimeOffset IssuedAt => DateTimeOffset.FromUnixTimeSeconds(IssuedAtUnix);

    /// <summary>When the token expires (<c>exp</c>).</summary>
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(ExpiresAtUnix);

    internal long IssuedAtUnix { get; }

    /// <summary><c>nbf</c>, or 0 when the token has none.</summary>
    internal long NotBeforeUnix { get; }

    internal long ExpiresAtUnix { get; }

    /// <summary>The shared result for <paramref name="rejection"/> (refusals allocate nothing).</summary>
    public static TokenValidationResult Rejected(TokenRejection rejection)
    {
        if (rejection == TokenRejection.None || !Enum.IsDefined(rejection))
        {
            throw new ArgumentOutOfRangeException(nameof(rejection));
        }

        return RejectionResults[(int)rejection];
    }
}
