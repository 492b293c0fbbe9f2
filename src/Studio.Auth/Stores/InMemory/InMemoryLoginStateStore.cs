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

    // Kept alongside the dictionary: ConcurrentDictionary.Count takes every lock, too slow for each sign-in.
    private int _count;

    /// <summary>The number of pending sign-ins.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc/>
    public async Task SaveAsync(LoginState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = time.GetUtcNow();
        if (now.UtcTicks >= Interlocked.Read(ref _nextPurge) || Count >= MaxPending)
        {
            Interlocked.Exchange(ref _nextPurge, now.AddSeconds(30).UtcTicks);
            await PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        }

        if (Count >= MaxPending)
        {
            throw new StoreUnavailableException($"More than {MaxPending} sign-ins are pending.");
        }

        if (_states.TryAdd(state.Key, state))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _states[state.Key] = state;
        }
    }

    /// <inheritdoc/>
    public Task<LoginState?> TakeAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!_states.TryRemove(key, out var state))
        {
            return Task.FromResult<LoginState?>(null);
        }

        Interlocked.Decrement(ref _count);
        return Task.FromResult<LoginState?>(state);
    }

    /// <inheritdoc/>
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        foreach (var (key, state) in _states)
        {
            if (state.ExpiresAt <= now && _states.TryRemove(new KeyValuePair<string, LoginState>(key, state)))
            {
                Interlocked.Decrement(ref _count);
                purged++;
            }
        }

        return Task.FromResult(purged);
    }
}
