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
internal sealed partial class SqliteDatabase : IDisposable
{
    private static readonly TimeSpan MigrationRetryDelay = TimeSpan.FromSeconds(2);

    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly StoreStartup _startup;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SqliteDatabase(string filePath, TimeSpan busyTimeout, TimeProvider time, ILogger<SqliteDatabase> logger)
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
        _startup = new StoreStartup(MigrateAsync, time, MigrationRetryDelay);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Creates or migrates the schema unless already done.</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken) => _startup.EnsureAsync(cancellationToken);

    /// <summary>Runs a read on its own connection (WAL readers never wait for the writer).</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await work(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>Runs a write; one at a time in this process, and other processes are waited for up to the busy timeout.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await work(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException ex) when (IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Opens a connection with this store's per-connection settings.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
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

    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _writeGate.Dispose();
    }

    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    // Busy, locked, out of memory, read-only, I/O error, disk full, cannot open, lock protocol:
    // the file is there in principle but cannot be used right now. Corruption and bugs stay exceptions.
    private static bool IsUnavailable(SqliteException ex) => ex.SqliteErrorCode is 5 or 6 or 7 or 8 or 10 or 13 or 14 or 15;

    private StoreUnavailableException Unavailable(SqliteException ex) =>
        new($"The SQLite store '{FilePath}' is unavailable (SQLite error {ex.SqliteErrorCode}).", ex);

    private async Task MigrateAsync(CancellationToken cancellationToken)
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
        catch (SqliteException ex) when (IsUnavailable(ex))
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
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($version, $description, $at);";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$description", migration.Description);
                record.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (current, Math.Max(current, SqliteMigrations.Latest));
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Information, "Studio.Auth SQLite store {Path}: schema version {From} -> {To}")]
    private static partial void LogOpened(ILogger logger, string path, int from, int to);

    [LoggerMessage(2, LogLevel.Warning, "Studio.Auth SQLite store {Path}: WAL is not available on this file system (journal mode {Mode})")]
    private static partial void LogNoWal(ILogger logger, string path, string mode);
}
