using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using Studio.Auth.Stores;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.PostgreSql;

/// <summary>
/// The PostgreSQL database behind the three stores: one <see cref="NpgsqlDataSource"/> (pooled
/// connections), the schema migrated once before first use (under an advisory lock, so instances
/// starting together do not race), and "cannot reach the server" errors turned into
/// <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed partial class PostgreSqlDatabase : DurableDatabase, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;

    public PostgreSqlDatabase(string connectionString, string schema, TimeProvider time, ILogger<PostgreSqlDatabase> logger)
        : base(PostgreSqlDialect.Instance, time)
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
    }

    /// <summary>The schema name as configured.</summary>
    public string SchemaName { get; }

    /// <summary>The schema as a quoted identifier, for SQL text.</summary>
    public string Schema { get; }

    /// <summary>The channel revocations are announced on.</summary>
    public string Channel { get; }

    /// <summary>Host, port and database, for messages (never the password).</summary>
    public string Server { get; }

    /// <summary>The table in this database's schema.</summary>
    public override string Table(string name) => Schema + "." + name;

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
    /// Connection failures, broken connections, timeouts, an exhausted pool, a server shutting down or
    /// out of resources. SQL errors (bugs, missing privileges, wrong password) are not unavailability.
    /// </summary>
    public override bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("57", StringComparison.Ordinal),
        NpgsqlException => true,
        TimeoutException => true,
        _ => false,
    };

    public override StoreUnavailableException Unavailable(Exception exception) =>
        new($"The PostgreSQL store {Server} schema {SchemaName} is unavailable ({(exception as PostgresException)?.SqlState ?? exception.GetType().Name}).", exception);

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);

    public void Dispose() => _dataSource.Dispose();

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var dialect = PostgreSqlDialect.Instance;
        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ScalarAsync(connection, "SELECT pg_advisory_xact_lock(hashtext(@key));", cancellationToken, dialect.Text("key", "studio_auth:migrate:" + SchemaName)).ConfigureAwait(false);
                    var exists = await ScalarAsync(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema);", cancellationToken, dialect.Text("schema", SchemaName)).ConfigureAwait(false);
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
                            new NpgsqlParameter<int>("version", migration.Version),
                            dialect.Text("description", migration.Description)).ConfigureAwait(false);
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

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params DbParameter[] parameters)
    {
        using var command = connection.CreateCommand(sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Information, "Studio.Auth PostgreSQL store {Server} schema {Schema}: schema version {From} -> {To}")]
    private static partial void LogMigrated(ILogger logger, string server, string schema, int from, int to);
}
