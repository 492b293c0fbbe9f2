using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Studio.Auth.Stores;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.PostgreSql;

/// <summary>
/// The PostgreSQL database behind the three stores: one <see cref="NpgsqlDataSource"/> (pooled
/// connections), the schema migrated once before first use (under an advisory lock, so instances
/// starting together do not race), and "cannot reach the server" errors turned into
/// <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed partial class PostgreSqlDatabase : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan MigrationRetryDelay = TimeSpan.FromSeconds(2);

    private readonly NpgsqlDataSource _dataSource;
    private readonly StoreStartup _startup;
    private readonly ILogger _logger;

    public PostgreSqlDatabase(string connectionString, string schema, TimeProvider time, ILogger<PostgreSqlDatabase> logger)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "Studio.Auth";
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        SchemaName = schema;
        Schema = "\"" + schema + "\"";
        Channel = schema + ".revocations";
        Server = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _logger = logger;
        _startup = new StoreStartup(MigrateAsync, time, MigrationRetryDelay);
    }

    /// <summary>The schema name as configured.</summary>
    public string SchemaName { get; }

    /// <summary>The schema as a quoted identifier, for SQL text.</summary>
    public string Schema { get; }

    /// <summary>The channel revocations are announced on.</summary>
    public string Channel { get; }

    /// <summary>Host, port and database, for messages (never the password).</summary>
    public string Server { get; }

    /// <summary>Creates or migrates the schema unless already done.</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken) => _startup.EnsureAsync(cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a pooled connection once the schema is ready.</summary>
    public async Task<T> ExecuteAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Opens a connection for listening (the caller owns it); unreachable servers become <see cref="StoreUnavailableException"/>.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>
    /// Whether <paramref name="ex"/> means "the server cannot be used right now": connection failures,
    /// broken connections, timeouts, an exhausted pool, a server shutting down or out of resources.
    /// SQL errors (bugs, missing privileges, wrong password) are not: they stay exceptions.
    /// </summary>
    public static bool IsUnavailable(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("57", StringComparison.Ordinal),
        NpgsqlException => true,
        TimeoutException => true,
        _ => false,
    };

    public StoreUnavailableException Unavailable(Exception ex) =>
        new($"The PostgreSQL store {Server} schema {SchemaName} is unavailable ({(ex as PostgresException)?.SqlState ?? ex.GetType().Name}).", ex);

    public static NpgsqlParameter<T> Parameter<T>(string name, T value) => new(name, value);

    public static NpgsqlParameter<DateTimeOffset> Parameter(string name, DateTimeOffset value) =>
        new(name, NpgsqlDbType.TimestampTz) { TypedValue = value.ToUniversalTime() };

    public static NpgsqlParameter<string> NullableText(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { TypedValue = value! };

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);

    public void Dispose() => _dataSource.Dispose();

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ScalarAsync(connection, "SELECT pg_advisory_xact_lock(hashtext(@key));", cancellationToken, Parameter("key", "studio_auth:migrate:" + SchemaName)).ConfigureAwait(false);
                    var exists = await ScalarAsync(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema);", cancellationToken, Parameter("schema", SchemaName)).ConfigureAwait(false);
                    if (exists is not true)
                    {
                        await ScalarAsync(connection, $"CREATE SCHEMA {Schema};", cancellationToken).ConfigureAwait(false);
                    }

                    await ScalarAsync(connection, $"""
                        CREATE TABLE IF NOT EXISTS {Schema}.schema_version (
                            version     integer     NOT NULL PRIMARY KEY,
                            description text        NOT NULL,
                            applied_at  timestamptz NOT NULL DEFAULT clock_timestamp()
                        );
                        """, cancellationToken).ConfigureAwait(false);
                    var current = (int)(await ScalarAsync(connection, $"SELECT COALESCE(MAX(version), 0) FROM {Schema}.schema_version;", cancellationToken).ConfigureAwait(false))!;
                    if (current > PostgreSqlMigrations.Latest)
                    {
                        throw new InvalidOperationException(
                            $"The PostgreSQL store {Server} schema {SchemaName} has schema version {current}, newer than this Studio.Auth.PostgreSql supports ({PostgreSqlMigrations.Latest}). Upgrade the package or use another schema.");
                    }

                    foreach (var migration in PostgreSqlMigrations.For(Schema, Channel).Where(m => m.Version > current))
                    {
                        await ScalarAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
                        await ScalarAsync(
                            connection,
                            $"INSERT INTO {Schema}.schema_version (version, description) VALUES (@version, @description);",
                            cancellationToken,
                            Parameter("version", migration.Version),
                            Parameter("description", migration.Description)).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    LogMigrated(_logger, Server, SchemaName, current, Math.Max(current, PostgreSqlMigrations.Latest));
                }
            }
        }
        catch (Exception ex) when (IsUnavailable(ex, cancellationToken))
        {
            throw Unavailable(ex);
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Information, "Studio.Auth PostgreSQL store {Server} schema {Schema}: schema version {From} -> {To}")]
    private static partial void LogMigrated(ILogger logger, string server, string schema, int from, int to);
}
