using System.Data.Common;

namespace Studio.Auth.Stores.Durable;

/// <summary>
/// The database behind a package's three stores. It prepares the schema once, before the first
/// statement (<see cref="MigrateAsync"/>, whoever asks first: the hosted service at start or the first
/// store call), runs each piece of store work on a connection of its own, and turns "the database
/// cannot be used right now" into <see cref="StoreUnavailableException"/>, so that callers answer 503
/// and retry instead of failing. The package decides how a connection is opened, which errors mean
/// "unavailable", how the schema is migrated and whether writes must wait for each other.
/// </summary>
internal abstract class DurableDatabase
{
    private static readonly TimeSpan MigrationRetryDelay = TimeSpan.FromSeconds(2);

    private readonly StoreStartup _startup;

    protected DurableDatabase(SqlDialect dialect, TimeProvider time)
    {
        Dialect = dialect;
        _startup = new StoreStartup(MigrateAsync, time, MigrationRetryDelay);
    }

    /// <summary>How this database's SQL takes and returns times, roles and other values.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>A table as the store's SQL names it (qualified by the schema where the database has one).</summary>
    public virtual string Table(string name) => name;

    /// <summary>Creates or migrates the schema unless already done.</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken) => _startup.EnsureAsync(cancellationToken);

    /// <summary>Runs a read once the schema is ready.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await RunAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a write once the schema is ready. The same as a read unless the database orders its writers.</summary>
    public virtual Task<T> WriteAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        ReadAsync(work, cancellationToken);

    /// <summary>Runs a statement that changes rows (a write); returns how many it changed.</summary>
    public Task<int> ExecuteAsync(string sql, DbParameter[] parameters, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand(sql, parameters);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Runs a statement that writes and returns a row (<c>... RETURNING</c>); <paramref name="read"/> maps the row, <c>default</c> when there is none.</summary>
    public Task<T> ExecuteReturningAsync<T>(string sql, DbParameter[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        WriteAsync((connection, ct) => FirstRowAsync(connection, sql, parameters, read, ct), cancellationToken);

    /// <summary>Runs a query (a read); <paramref name="read"/> maps its first row, <c>default</c> when there is none.</summary>
    public Task<T> QueryFirstAsync<T>(string sql, DbParameter[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        ReadAsync((connection, ct) => FirstRowAsync(connection, sql, parameters, read, ct), cancellationToken);

    /// <summary>
    /// Whether <paramref name="exception"/> means "the database cannot be used right now" (unreachable,
    /// locked, out of resources). Bugs, SQL errors and wrong credentials are not: they stay exceptions.
    /// </summary>
    public abstract bool IsUnavailable(Exception exception, CancellationToken cancellationToken);

    /// <summary>The exception callers see for an unavailable database, naming it (never its password).</summary>
    public abstract StoreUnavailableException Unavailable(Exception exception);

    /// <summary>Runs <paramref name="work"/> on a newly opened connection, without waiting for the schema.</summary>
    protected async Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await work(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>Opens a connection with the database's per-connection settings; the caller disposes it.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Creates or migrates the schema (see <see cref="Migration"/>); runs once, retried after a failure.</summary>
    protected abstract Task MigrateAsync(CancellationToken cancellationToken);

    private static async Task<T> FirstRowAsync<T>(DbConnection connection, string sql, DbParameter[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand(sql, parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : default!;
    }
}
