using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Studio.Auth.Stores;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.Sqlite;

/// <summary>
/// The SQLite file behind the three stores: opens connections (WAL, busy timeout, full sync),
/// migrates the schema once before first use, serialises this process's writes (SQLite has one
/// writer at a time; waiting here is cheaper than spinning on the file lock) and turns "cannot reach
/// the file" errors into <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed partial class SqliteDatabase : DurableDatabase, IDisposable
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SqliteDatabase(string filePath, TimeSpan busyTimeout, TimeProvider time, ILogger<SqliteDatabase> logger)
        : base(SqliteDialect.Instance, time)
    {
        FilePath = filePath;
        _time = time;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;");
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Runs a write; one at a time in this process, and other processes are waited for up to the busy timeout.</summary>
    public override async Task<T> WriteAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _writeGate.Dispose();
    }

    // Busy, locked, out of memory, read-only, I/O error, disk full, cannot open, lock protocol:
    // the file is there in principle but cannot be used right now. Corruption and bugs stay exceptions.
    public override bool IsUnavailable(Exception exception, CancellationToken cancellationToken) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 or 7 or 8 or 10 or 13 or 14 or 15 };

    public override StoreUnavailableException Unavailable(Exception exception) =>
        new($"The SQLite store '{FilePath}' is unavailable (SQLite error {(exception as SqliteException)?.SqliteErrorCode}).", exception);

    /// <summary>Opens a connection with this store's per-connection settings (busy timeout, full sync).</summary>
    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await OpenAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Path.GetDirectoryName(FilePath) is { Length: > 0 } directory)
            {
                Directory.CreateDirectory(directory);
            }

            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var journal = await ScalarAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
                if (!string.Equals(journal as string, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    LogNoWal(_logger, FilePath, journal as string ?? "?");
                }

                var (from, to) = await ApplyMigrationsAsync(connection, cancellationToken).ConfigureAwait(false);
                LogOpened(_logger, FilePath, from, to);
            }
        }
        catch (SqliteException ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw Unavailable(ex);
        }
        catch (IOException ex)
        {
            throw new StoreUnavailableException($"The SQLite store '{FilePath}' cannot be created: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreUnavailableException($"The SQLite store '{FilePath}' cannot be created: {ex.Message}", ex);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<(int From, int To)> ApplyMigrationsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE: a second process migrating at the same moment waits, then sees the new version.
        var transaction = connection.BeginTransaction(deferred: false);
        await using (transaction.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, transaction, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     INTEGER NOT NULL PRIMARY KEY,
                    description TEXT    NOT NULL,
                    applied_at  INTEGER NOT NULL
                );
                """, cancellationToken).ConfigureAwait(false);
            var current = Convert.ToInt32(
                await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version;", cancellationToken).ConfigureAwait(false),
                CultureInfo.InvariantCulture);
            if (current > SqliteMigrations.Latest)
            {
                throw new InvalidOperationException(
                    $"The SQLite store '{FilePath}' has schema version {current}, newer than this Studio.Auth.Sqlite supports ({SqliteMigrations.Latest}). Upgrade the package or use another file.");
            }

            foreach (var migration in SqliteMigrations.All.Where(m => m.Version > current))
            {
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @at);",
                    cancellationToken,
                    SqliteDialect.Parameter("version", migration.Version),
                    Dialect.Text("description", migration.Description),
                    Dialect.Time("at", _time.GetUtcNow())).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (current, Math.Max(current, SqliteMigrations.Latest));
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params DbParameter[] parameters)
    {
        using var command = connection.CreateCommand(sql, parameters);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand(sql);
        command.Transaction = transaction;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Information, "Studio.Auth SQLite store {Path}: schema version {From} -> {To}")]
    private static partial void LogOpened(ILogger logger, string path, int from, int to);

    [LoggerMessage(2, LogLevel.Warning, "Studio.Auth SQLite store {Path}: WAL is not available on this file system (journal mode {Mode})")]
    private static partial void LogNoWal(ILogger logger, string path, string mode);
}
