using Microsoft.Extensions.Options;
using Studio.Auth.Stores;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.Sqlite;

/// <summary>
/// Pending sign-ins in the SQLite file, so a sign-in survives a restart between the login URL and the
/// callback. Taking is one <c>DELETE ... RETURNING</c>: of many parallel completions exactly one gets the row.
/// </summary>
internal sealed class SqliteLoginStateStore(SqliteDatabase database, IOptions<SqliteStoreOptions> options, TimeProvider time) : ILoginStateStore
{
    private readonly PendingStateBudget _budget = new(options.Value.MaxPendingSignIns, time);

    public async Task SaveAsync(LoginState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_budget.TryClaimRecount())
        {
            await PurgeExpiredAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            _budget.Recounted(await CountAsync(cancellationToken).ConfigureAwait(false));
        }

        if (_budget.IsFull)
        {
            throw new StoreUnavailableException($"More than {_budget.Max} sign-ins are pending.");
        }

        await database.WriteAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO login_states (key, provider, code_verifier, browser_binding_hash, return_path, expires_at)
                VALUES ($key, $provider, $code_verifier, $browser_binding_hash, $return_path, $expires_at)
                ON CONFLICT (key) DO UPDATE SET
                    provider = excluded.provider,
                    code_verifier = excluded.code_verifier,
                    browser_binding_hash = excluded.browser_binding_hash,
                    return_path = excluded.return_path,
                    expires_at = excluded.expires_at;
                """;
            command.Parameters.AddWithValue("$key", state.Key);
            command.Parameters.AddWithValue("$provider", state.Provider);
            command.Parameters.AddWithValue("$code_verifier", (object?)state.CodeVerifier ?? DBNull.Value);
            command.Parameters.AddWithValue("$browser_binding_hash", state.BrowserBindingHash);
            command.Parameters.AddWithValue("$return_path", state.ReturnPath);
            command.Parameters.AddWithValue("$expires_at", SqliteDatabase.ToUnixMs(state.ExpiresAt));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _budget.Added();
    }

    public async Task<LoginState?> TakeAsync(string key, CancellationToken cancellationToken = default)
    {
        var taken = await database.WriteAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM login_states WHERE key = $key
                RETURNING provider, code_verifier, browser_binding_hash, return_path, expires_at;
                """;
            command.Parameters.AddWithValue("$key", key);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new LoginState(
                    key,
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    SqliteDatabase.FromUnixMs(reader.GetInt64(4)))
                : null;
        }, cancellationToken).ConfigureAwait(false);
        if (taken is not null)
        {
            _budget.Taken();
        }

        return taken;
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM login_states WHERE expires_at <= $now;";
            command.Parameters.AddWithValue("$now", SqliteDatabase.ToUnixMs(now));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private Task<long> CountAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM login_states;";
            return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);
}
