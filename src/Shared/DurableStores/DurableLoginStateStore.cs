using System.Data.Common;

namespace Studio.Auth.Stores.Durable;

/// <summary>
/// Pending sign-ins in a durable store, so a sign-in survives a restart between the login URL and the
/// callback, and may complete on another instance. Taking is one <c>DELETE ... RETURNING</c>: of many
/// parallel completions, on any instances, exactly one gets the row. Unauthenticated callers can start
/// sign-ins, so the table is capped (<see cref="PendingStateBudget"/>). SQLite and PostgreSQL run the
/// same statements; only how times are stored differs (<see cref="SqlDialect"/>).
/// </summary>
internal abstract class DurableLoginStateStore : ILoginStateStore
{
    private readonly DurableDatabase _database;
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;
    private readonly PendingStateBudget _budget;
    private readonly string _save;
    private readonly string _take;
    private readonly string _purge;
    private readonly string _count;

    protected DurableLoginStateStore(DurableDatabase database, int maxPending, TimeProvider time)
    {
        _database = database;
        _dialect = database.Dialect;
        _time = time;
        _budget = new PendingStateBudget(maxPending, time);
        var states = database.Table("login_states");
        _save = $"""
            INSERT INTO {states} (key, provider, code_verifier, browser_binding_hash, return_path, expires_at)
            VALUES (@key, @provider, @code_verifier, @browser_binding_hash, @return_path, @expires_at)
            ON CONFLICT (key) DO UPDATE SET
                provider = excluded.provider,
                code_verifier = excluded.code_verifier,
                browser_binding_hash = excluded.browser_binding_hash,
                return_path = excluded.return_path,
                expires_at = excluded.expires_at;
            """;
        _take = $"DELETE FROM {states} WHERE key = @key RETURNING provider, code_verifier, browser_binding_hash, return_path, expires_at;";
        _purge = $"DELETE FROM {states} WHERE expires_at <= @now;";
        _count = $"SELECT COUNT(*) FROM {states};";
    }

    /// <inheritdoc/>
    public async Task SaveAsync(LoginState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_budget.TryClaimRecount())
        {
            await PurgeExpiredAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            _budget.Recounted(await _database.QueryFirstAsync(_count, [], reader => reader.GetInt64(0), cancellationToken).ConfigureAwait(false));
        }

        if (_budget.IsFull)
        {
            throw new StoreUnavailableException($"More than {_budget.Max} sign-ins are pending.");
        }

        DbParameter[] parameters =
        [
            _dialect.Text("key", state.Key),
            _dialect.Text("provider", state.Provider),
            _dialect.Text("code_verifier", state.CodeVerifier),
            _dialect.Text("browser_binding_hash", state.BrowserBindingHash),
            _dialect.Text("return_path", state.ReturnPath),
            _dialect.Time("expires_at", state.ExpiresAt),
        ];
        await _database.ExecuteAsync(_save, parameters, cancellationToken).ConfigureAwait(false);
        _budget.Added();
    }

    /// <inheritdoc/>
    public async Task<LoginState?> TakeAsync(string key, CancellationToken cancellationToken = default)
    {
        var taken = await _database.ExecuteReturningAsync(
            _take,
            [_dialect.Text("key", key)],
            reader => new LoginState(
                key,
                reader.GetString(0),
                SqlDialect.ReadText(reader, 1),
                reader.GetString(2),
                reader.GetString(3),
                _dialect.ReadTime(reader, 4)),
            cancellationToken).ConfigureAwait(false);
        if (taken is not null)
        {
            _budget.Taken();
        }

        return taken;
    }

    /// <inheritdoc/>
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(_purge, [_dialect.Time("now", now)], cancellationToken);
}
