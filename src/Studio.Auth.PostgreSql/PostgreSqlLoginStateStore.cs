using Microsoft.Extensions.Options;
using Npgsql;
using Studio.Auth.Stores;
using Studio.Auth.Stores.Durable;
using static Studio.Auth.PostgreSql.PostgreSqlDatabase;

namespace Studio.Auth.PostgreSql;

/// <summary>
/// Pending sign-ins in PostgreSQL, so a sign-in begun on one instance completes on another. Taking is
/// one <c>DELETE ... RETURNING</c>: of many parallel completions, on any instances, exactly one gets the row.
/// </summary>
internal sealed class PostgreSqlLoginStateStore : ILoginStateStore
{
    private readonly PostgreSqlDatabase _database;
    private readonly TimeProvider _time;
    private readonly PendingStateBudget _budget;
    private readonly string _save;
    private readonly string _take;
    private readonly string _purge;
    private readonly string _count;

    public PostgreSqlLoginStateStore(PostgreSqlDatabase database, IOptions<PostgreSqlStoreOptions> options, TimeProvider time)
    {
        _database = database;
        _time = time;
        _budget = new PendingStateBudget(options.Value.MaxPendingSignIns, time);
        var states = database.Schema + ".login_states";
        _save = $"""
            INSERT INTO {states} (key, provider, code_verifier, browser_binding_hash, return_path, expires_at)
            VALUES (@key, @provider, @code_verifier, @browser_binding_hash, @return_path, @expires_at)
            ON CONFLICT (key) DO UPDATE SET
                provider = EXCLUDED.provider,
                code_verifier = EXCLUDED.code_verifier,
                browser_binding_hash = EXCLUDED.browser_binding_hash,
                return_path = EXCLUDED.return_path,
                expires_at = EXCLUDED.expires_at;
            """;
        _take = $"DELETE FROM {states} WHERE key = @key RETURNING provider, code_verifier, browser_binding_hash, return_path, expires_at;";
        _purge = $"DELETE FROM {states} WHERE expires_at <= @now;";
        _count = $"SELECT COUNT(*) FROM {states};";
    }

    public async Task SaveAsync(LoginState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_budget.TryClaimRecount())
        {
            await PurgeExpiredAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            _budget.Recounted(await CountAsync(cancellationToken).ConfigureAwait(false));
        }

        if (_budget.IsFull)
        {
            throw new StoreUnavailableException($"More than {_budget.Max} sign-ins are pending.");
        }

        await _database.ExecuteAsync(async (connection, ct) =>
        {
            using var command = new NpgsqlCommand(_save, connection);
            command.Parameters.Add(Parameter("key", state.Key));
            command.Parameters.Add(Parameter("provider", state.Provider));
            command.Parameters.Add(NullableText("code_verifier", state.CodeVerifier));
            command.Parameters.Add(Parameter("browser_binding_hash", state.BrowserBindingHash));
            command.Parameters.Add(Parameter("return_path", state.ReturnPath));
            command.Parameters.Add(Parameter("expires_at", state.ExpiresAt));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _budget.Added();
    }

    public async Task<LoginState?> TakeAsync(string key, CancellationToken cancellationToken = default)
    {
        var taken = await _database.ExecuteAsync(async (connection, ct) =>
        {
            using var command = new NpgsqlCommand(_take, connection);
            command.Parameters.Add(Parameter("key", key));
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new LoginState(
                    key,
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4))
                : null;
        }, cancellationToken).ConfigureAwait(false);
        if (taken is not null)
        {
            _budget.Taken();
        }

        return taken;
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(async (connection, ct) =>
        {
            using var command = new NpgsqlCommand(_purge, connection);
            command.Parameters.Add(Parameter("now", now));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private Task<long> CountAsync(CancellationToken cancellationToken) =>
        _database.ExecuteAsync(async (connection, ct) =>
        {
            using var command = new NpgsqlCommand(_count, connection);
            return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);
}
