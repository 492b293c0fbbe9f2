using System.Collections.Concurrent;

namespace Studio.Auth.Stores;

/// <summary>
/// Pending sign-ins in process memory. Taking is atomic (one winner per state). Expired entries
/// are purged as new ones arrive, and the number pending is capped so unauthenticated callers
/// cannot grow it without bound.
/// </summary>
public sealed class InMemoryLoginStateStore(TimeProvider time) : ILoginStateStore
{
    /// <summary>The most sign-ins that may be pending at once.</summary>
    public const int MaxPending = 100_000;

    private readonly ConcurrentDictionary<string, LoginState> _states = new(StringComparer.Ordinal);
    private long _nextPurge;

    /// <summary>The number of pending sign-ins.</summary>
    public int Count => _states.Count;

    /// <inheritdoc/>
    public async Task SaveAsync(LoginState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextPurge) || _states.Count >= MaxPending)
        {
            Interlocked.Exchange(ref _nextPurge, now.AddSeconds(30).UtcTicks);
            await PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        }

        if (_states.Count >= MaxPending)
        {
            throw new StoreUnavailableException($"More than {MaxPending} sign-ins are pending.");
        }

        _states[state.Key] = state;
    }

    /// <inheritdoc/>
    public Task<LoginState?> TakeAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_states.TryRemove(key, out var state) ? state : null);

    /// <inheritdoc/>
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        foreach (var (key, state) in _states)
        {
            if (state.ExpiresAt <= now && _states.TryRemove(new KeyValuePair<string, LoginState>(key, state)))
            {
                purged++;
            }
        }

        return Task.FromResult(purged);
    }
}
