namespace Studio.Auth.Stores;

/// <summary>
/// Revoked tokens and users. <see cref="IsRevokedAsync"/> runs on every request, so implementations
/// answer it from memory (a durable store keeps an in-memory set current) and complete synchronously.
/// </summary>
public interface IRevocationStore
{
    /// <summary>
    /// Revokes one token (by <c>jti</c>) until <paramref name="expiresAt"/>: the moment the token stops validating
    /// (<see cref="Tokens.TokenService"/> passes its <c>exp</c> plus the clock skew), after which the entry may be purged.
    /// </summary>
    ValueTask RevokeTokenAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes every token of a user issued at or before <paramref name="issuedBefore"/> (sign out
    /// everywhere, disable, delete). The entry is kept until <paramref name="keepUntil"/>, when no such token can still be valid.
    /// </summary>
    ValueTask RevokeUserAsync(string provider, string userId, DateTimeOffset issuedBefore, DateTimeOffset keepUntil, CancellationToken cancellationToken = default);

    /// <summary>Whether the token is revoked, by its id or through its user.</summary>
    ValueTask<bool> IsRevokedAsync(RevocationCheck token, CancellationToken cancellationToken = default);

    /// <summary>Deletes entries no token can need any more; returns how many.</summary>
    ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>The parts of a validated token a revocation check needs.</summary>
/// <param name="TokenId">The token's <c>jti</c>.</param>
/// <param name="Provider">Its user's provider.</param>
/// <param name="UserId">Its user's id.</param>
/// <param name="IssuedAt">When it was issued.</param>
public readonly record struct RevocationCheck(string TokenId, string Provider, string UserId, DateTimeOffset IssuedAt);
