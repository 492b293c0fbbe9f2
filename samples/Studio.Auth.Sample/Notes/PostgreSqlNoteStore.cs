using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Studio.Auth.PostgreSql;
using Studio.Auth.Stores;

namespace Studio.Auth.Sample.Notes;

/// <summary>
/// Notes in the PostgreSQL schema that holds the users (<see cref="PostgreSqlStoreOptions.Schema"/>),
/// in their own table <c>sample_notes</c>, so every instance sharing the database sees the same notes.
/// </summary>
public sealed class PostgreSqlNoteStore : INoteStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schemaName;
    private readonly string _table;
    private volatile bool _ready;

    /// <summary>Uses the connection string and schema of the PostgreSQL stores.</summary>
    public PostgreSqlNoteStore(IOptions<PostgreSqlStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value; // validated: a connection string is set and the schema is a plain identifier
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        if (string.IsNullOrEmpty(connection.ApplicationName))
        {
            connection.ApplicationName = "Studio.Auth.Sample";
        }

        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        _schemaName = settings.Schema;
        _table = $"\"{settings.Schema}\".sample_notes";
        Server = $"{connection.Host}:{connection.Port}/{connection.Database} schema {settings.Schema}";
    }

    /// <summary>Host, port, database and schema (never the password).</summary>
    public string Server { get; }

    /// <inheritdoc/>
    public string Location => "PostgreSQL " + Server;

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

            // Instances starting together take turns; the second finds the table there.
            await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext(@key));", cancellationToken, new NpgsqlParameter<string>("key", "studio_auth_sample:notes:" + _schemaName));
            await ExecuteAsync(connection, $"""
                CREATE TABLE IF NOT EXISTS {_table} (
                    seq        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    id         text        NOT NULL UNIQUE,
                    provider   text        NOT NULL,
                    user_id    text        NOT NULL,
                    text       text        NOT NULL,
                    created_at timestamptz NOT NULL
                );
                """, cancellationToken);
            await ExecuteAsync(connection, $"CREATE INDEX IF NOT EXISTS sample_notes_owner ON {_table} (provider, user_id, seq);", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return 0;
        });
        _ready = true;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Note>> ListAsync(NoteOwner owner, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken);
        return await RunAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand($"SELECT id, text, created_at FROM {_table} WHERE provider = @provider AND user_id = @user ORDER BY seq;");
            command.Parameters.Add(new NpgsqlParameter<string>("provider", owner.Provider));
            command.Parameters.Add(new NpgsqlParameter<string>("user", owner.UserId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var notes = new List<Note>();
            while (await reader.ReadAsync(cancellationToken))
            {
                notes.Add(new Note(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }

            return (IReadOnlyList<Note>)notes;
        });
    }

    /// <inheritdoc/>
    public async Task<Note> AddAsync(NoteOwner owner, string text, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken);

        // timestamptz keeps microseconds; round to what comes back out.
        var note = new Note(Guid.NewGuid().ToString("N"), text, new DateTimeOffset(createdAt.UtcTicks - (createdAt.UtcTicks % 10), TimeSpan.Zero));
        await RunAsync(async () =>
        {
            await using var command = _dataSource.CreateCommand($"INSERT INTO {_table} (id, provider, user_id, text, created_at) VALUES (@id, @provider, @user, @text, @at);");
            command.Parameters.Add(new NpgsqlParameter<string>("id", note.Id));
            command.Parameters.Add(new NpgsqlParameter<string>("provider", owner.Provider));
            command.Parameters.Add(new NpgsqlParameter<string>("user", owner.UserId));
            command.Parameters.Add(new NpgsqlParameter<string>("text", note.Text));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", NpgsqlDbType.TimestampTz) { TypedValue = note.CreatedAt });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });
        return note;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private Task EnsureReadyAsync(CancellationToken cancellationToken) => _ready ? Task.CompletedTask : InitializeAsync(cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Cannot connect, connection lost, server shutting down or out of resources, or the stores have not
    // created their schema yet: unavailable for now. SQL errors and bad credentials stay exceptions.
    private async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StoreUnavailableException($"The notes in PostgreSQL {Server} are unavailable ({(ex as PostgresException)?.SqlState ?? ex.GetType().Name}).", ex);
        }
    }

    private static bool IsUnavailable(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.InvalidSchemaName
            || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("57", StringComparison.Ordinal),
        NpgsqlException or TimeoutException => true,
        _ => false,
    };
}
