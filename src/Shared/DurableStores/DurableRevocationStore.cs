using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Studio.Auth.Stores.Durable;

/// <summary>
/// The shape every durable revocation store shares. The database is the record; an
/// <see cref="InMemoryRevocationStore"/> is the index every request reads, so
/// <see cref="IsRevokedAsync"/> never waits on the database once the index is loaded.
/// <list type="bullet">
/// <item>A revocation takes effect in this process at once, then is written. When the database is
/// unreachable the write is queued and retried by <see cref="CatchUpAsync"/> until it lands.</item>
/// <item>Until the index has been loaded, every token counts as revoked (fail closed): a process that
/// started while its database was down cannot know which tokens were signed out.</item>
/// <item>Rows written by other processes or instances reach the index through <see cref="CatchUpAsync"/>
/// (and, where the database can push, <see cref="Apply"/>).</item>
/// </list>
/// Writing and purging rows is the same everywhere; how changes are followed (<see cref="LoadAsync"/>,
/// <see cref="ReadChangesAsync"/>) is the package's.
/// </summary>
internal abstract partial class DurableRevocationStore : IRevocationStore, IDisposable
{
    /// <summary>The columns <see cref="ReadEntry"/> reads, in its order.</summary>
    protected const string Columns = "token_id, provider, user_id, issued_before, keep_until";

    private static readonly TimeSpan LoadRetryDelay = TimeSpan.FromSeconds(2);

    private readonly DurableDatabase _database;
    private readonly string _insert;
    private readonly string _deleteExpired;
    private readonly InMemoryRevocationStore _index;
    private readonly ConcurrentQueue<RevocationEntry> _unsaved = new();
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly StoreStartup _load;
    private readonly ILogger _logger;
    private Exception? _loggedLoadFailure;

    protected DurableRevocationStore(DurableDatabase database, TimeProvider time, ILogger logger)
    {
        _database = database;
        Dialect = database.Dialect;
        Time = time;
        _logger = logger;
        _index = new InMemoryRevocationStore(time);
        _load = new StoreStartup(LoadIndexAsync, time, LoadRetryDelay);
        var revocations = database.Table("revocations");
        _insert = $"INSERT INTO {revocations} ({Columns}) VALUES (@token_id, @provider, @user_id, @issued_before, @keep_until);";
        _deleteExpired = $"DELETE FROM {revocations} WHERE keep_until <= @now;";
    }

    /// <summary>The number of revoked tokens and users in the in-memory index.</summary>
    public int IndexCount => _index.Count;

    /// <summary>The number of revocations waiting for the database to come back.</summary>
    public int UnsavedCount => _unsaved.Count;

    /// <summary>Whether the in-memory index has been loaded from the database.</summary>
    public bool IsLoaded => _load.IsDone;

    /// <summary>How the database takes and returns values.</summary>
    protected SqlDialect Dialect { get; }

    protected TimeProvider Time { get; }

    /// <summary>Loads the index from the database unless already loaded.</summary>
    public Task EnsureLoadedAsync(CancellationToken cancellationToken) => _load.EnsureAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask RevokeTokenAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        return SaveAsync(RevocationEntry.ForToken(tokenId, expiresAt), cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask RevokeUserAsync(string provider, string userId, DateTimeOffset issuedBefore, DateTimeOffset keepUntil, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return SaveAsync(RevocationEntry.ForUser(provider, userId, issuedBefore, keepUntil), cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsRevokedAsync(RevocationCheck token, CancellationToken cancellationToken = default) =>
        _load.IsDone ? ValueTask.FromResult(_index.IsRevoked(token)) : IsRevokedBeforeLoadAsync(token, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await _index.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        return await DeleteExpiredAsync(now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Brings the index up to date: loads it if it is not loaded yet, writes queued revocations, and
    /// applies rows other processes wrote since the last call. Throws <see cref="StoreUnavailableException"/>
    /// when the database cannot be reached (nothing is lost; the next call tries again).
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (!_load.IsDone)
        {
            await _load.EnsureAsync(cancellationToken).ConfigureAwait(false);
        }

        await _catchUp.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushUnsavedAsync(cancellationToken).ConfigureAwait(false);
            await ReadChangesAsync(Apply, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _catchUp.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the catch-up lock.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _catchUp.Dispose();
        }
    }

    /// <summary>Adds an entry learned from the database (a notification, a poll) to the index.</summary>
    protected void Apply(RevocationEntry entry) => entry.ApplyTo(_index);

    /// <summary>Reads every live revocation into <paramref name="apply"/> and remembers where changes start.</summary>
    protected abstract Task LoadAsync(Action<RevocationEntry> apply, CancellationToken cancellationToken);

    /// <summary>Reads the revocations written since the last load or read (re-reading some is harmless).</summary>
    protected abstract Task ReadChangesAsync(Action<RevocationEntry> apply, CancellationToken cancellationToken);

    /// <summary>Reads the row at <paramref name="reader"/>, whose first columns are <see cref="Columns"/>.</summary>
    protected RevocationEntry ReadEntry(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new RevocationEntry(
            SqlDialect.ReadText(reader, 0),
            SqlDialect.ReadText(reader, 1),
            SqlDialect.ReadText(reader, 2),
            reader.IsDBNull(3) ? default : Dialect.ReadTime(reader, 3),
            Dialect.ReadTime(reader, 4));
    }

    private Task LoadIndexAsync(CancellationToken cancellationToken) => LoadAsync(Apply, cancellationToken);

    private Task<int> InsertAsync(RevocationEntry entry, CancellationToken cancellationToken)
    {
        DbParameter[] parameters =
        [
            Dialect.Text("token_id", entry.TokenId),
            Dialect.Text("provider", entry.Provider),
            Dialect.Text("user_id", entry.UserId),
            Dialect.Time("issued_before", entry.IsToken ? null : entry.IssuedBefore),
            Dialect.Time("keep_until", entry.KeepUntil),
        ];
        return _database.ExecuteAsync(_insert, parameters, cancellationToken);
    }

    private Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(_deleteExpired, [Dialect.Time("now", now)], cancellationToken);

    private async ValueTask SaveAsync(RevocationEntry entry, CancellationToken cancellationToken)
    {
        entry.ApplyTo(_index);
        try
        {
            if (!_unsaved.IsEmpty)
            {
                await FlushUnsavedAsync(cancellationToken).ConfigureAwait(false);
            }

            await InsertAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            _unsaved.Enqueue(entry);
            LogRevocationQueued(_logger, entry.IsToken ? "token" : "user", _unsaved.Count, ex.Message);
        }
    }

    private async Task FlushUnsavedAsync(CancellationToken cancellationToken)
    {
        var flushed = 0;
        while (_unsaved.TryPeek(out var entry))
        {
            if (entry.KeepUntil > Time.GetUtcNow())
            {
                await InsertAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            _unsaved.TryDequeue(out _);
            flushed++;
        }

        if (flushed > 0)
        {
            LogRevocationsFlushed(_logger, flushed);
        }
    }

    private async ValueTask<bool> IsRevokedBeforeLoadAsync(RevocationCheck token, CancellationToken cancellationToken)
    {
        try
        {
            await _load.EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            // Once per failed attempt, not once per request.
            if (!ReferenceEquals(Interlocked.Exchange(ref _loggedLoadFailure, ex), ex))
            {
                LogIndexNotLoaded(_logger, ex.Message);
            }

            return true;
        }

        return _index.IsRevoked(token);
    }

    [LoggerMessage(101, LogLevel.Warning, "Revocation store unavailable ({Reason}); a {Kind} revocation applies in this process and is queued ({Queued} waiting) until the database is back")]
    private static partial void LogRevocationQueued(ILogger logger, string kind, int queued, string reason);

    [LoggerMessage(102, LogLevel.Information, "Wrote {Count} queued revocation(s) now that the database is back")]
    private static partial void LogRevocationsFlushed(ILogger logger, int count);

    [LoggerMessage(103, LogLevel.Error, "Revocation index not loaded ({Reason}); refusing tokens until the database can be read")]
    private static partial void LogIndexNotLoaded(ILogger logger, string reason);
}
