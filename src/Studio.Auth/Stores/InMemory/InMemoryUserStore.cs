using System.Collections.Concurrent;

namespace Studio.Auth.Stores;

/// <summary>Users in process memory: for tests and single-process hosts that need no persistence. Thread-safe.</summary>
public sealed class InMemoryUserStore : IUserStore
{
    private readonly ConcurrentDictionary<(string Provider, string Id), UserRecord> _users = new();

    /// <summary>The number of users.</summary>
    public int Count => _users.Count;

    /// <inheritdoc/>
    public Task<UserRecord> UpsertAsync(StudioUser user, DateTimeOffset signedInAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var record = _users.AddOrUpdate(
            (user.Provider, user.Id),
            static (_, state) => new UserRecord(state.user, state.signedInAt, state.signedInAt, IsDisabled: false),
            static (_, existing, state) => existing with { User = state.user, LastSignInAt = state.signedInAt },
            (user, signedInAt));
        return Task.FromResult(record);
    }

    /// <inheritdoc/>
    public Task<UserRecord?> FindAsync(string provider, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_users.TryGetValue((provider, id), out var record) ? record : null);

    /// <inheritdoc/>
    public Task<bool> SetDisabledAsync(string provider, string id, bool disabled, CancellationToken cancellationToken = default)
    {
        while (_users.TryGetValue((provider, id), out var record))
        {
            if (_users.TryUpdate((provider, id), record with { IsDisabled = disabled }, record))
            {
                return Task.FromResult(true);
            }
        }

        return Task.FromResult(false);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string provider, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_users.TryRemove((provider, id), out _));
}
