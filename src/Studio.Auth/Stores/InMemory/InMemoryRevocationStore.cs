using System.Collections.Concurrent;

namespace Studio.Auth.Stores;

/// <summary>
/// Revocations in process memory; also the in-memory index that durable stores keep current.
/// Lookups are lock-free and allocation-free; expired entries are purged as new ones arrive.
/// </summary>
public sealed class InMemoryRevocationStore(TimeProvider time) : IRevocationStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Provider, string UserId), UserRevocation> _users = new();
    private long _nextPurge;

    // Set by the first user revocation and never cleared, so the per-request check skips the user
    // table while there has never been one (ConcurrentDictionary.IsEmpty takes every lock when empty).
    private volatile bool _anyUserRevoked;

    /// <summary>The number of revoked tokens and users held.</summary>
    public int Count => _tokens.Count + _users.Count;

    /// <inheritdoc/>
    public ValueTask RevokeTokenAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        _tokens[tokenId] = expiresAt;
        PurgeNowAndThen();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask RevokeUserAsync(string provider, string userId, DateTimeOffset issuedBefore, DateTimeOffset keepUntil, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var entry = new UserRevocation(issuedBefore, keepUntil);
        _anyUserRevoked = true;
        _users.AddOrUpdate((provider, userId), entry, (_, existing) => new UserRevocation(
            Max(existing.IssuedBefore, issuedBefore), Max(existing.KeepUntil, keepUntil)));
        PurgeNowAndThen();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsRevokedAsync(RevocationCheck token, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(IsRevoked(token));

    /// <summary>The synchronous form of <see cref="IsRevokedAsync"/>.</summary>
    public bool IsRevoked(RevocationCheck token) =>
        _tokens.ContainsKey(token.TokenId)
        || (_anyUserRevoked && _users.TryGetValue((token.Provider, token.UserId), out var user) && token.IssuedAt <= user.IssuedBefore);

    /// <summary>Adds or replaces a token revocation without purging (for durable stores loading their index).</summary>
    public void AddToken(string tokenId, DateTimeOffset expiresAt) => _tokens[tokenId] = expiresAt;

    /// <summary>Adds or widens a user revocation without purging (for durable stores loading their index).</summary>
    public void AddUser(string provider, string userId, DateTimeOffset issuedBefore, DateTimeOffset keepUntil)
    {
        _anyUserRevoked = true;
        _users.AddOrUpdate((provider, userId), new UserRevocation(issuedBefore, keepUntil), (_, existing) => new UserRevocation(
            Max(existing.IssuedBefore, issuedBefore), Max(existing.KeepUntil, keepUntil)));
    }

    /// <inheritdoc/>
    public ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(PurgeExpired(now));

    private int PurgeExpired(DateTimeOffset now)
    {
        var purged = 0;
        foreach (var (id, expiresAt) in _tokens)
        {
            if (expiresAt <= now && _tokens.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, expiresAt)))
            {
                purged++;
            }
        }

        foreach (var (key, entry) in _users)
        {
            if (entry.KeepUntil <= now && _users.TryRemove(new KeyValuePair<(string, string), UserRevocation>(key, entry)))
            {
                purged++;
            }
        }

        return purged;
    }

    private void PurgeNowAndThen()
    {
        var now = time.GetUtcNow();
        var next = Interlocked.Read(ref _nextPurge);
        if (now.UtcTicks >= next && Interlocked.CompareExchange(ref _nextPurge, now.AddMinutes(1).UtcTicks, next) == next)
        {
            PurgeExpired(now);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private readonly record struct UserRevocation(DateTimeOffset IssuedBefore, DateTimeOffset KeepUntil);
}
