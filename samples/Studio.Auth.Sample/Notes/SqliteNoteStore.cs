using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Studio.Auth.Sqlite;
using Studio.Auth.Stores;

namespace Studio.Auth.Sample.Notes;

/// <summary>
/// Notes in the SQLite file that holds the users (<see cref="SqliteStoreOptions.Path"/>, resolved by
/// the stores), in their own table <c>sample_notes</c>. Writes wait for other writers up to the stores'
/// busy timeout; beyond it the store is unavailable.
/// </summary>
public sealed class SqliteNoteStore : INoteStore, IDisposable
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS sample_notes (
            seq        INTEGER PRIMARY KEY AUTOINCREMENT,
            id         TEXT    NOT NULL UNIQUE,
            provider   TEXT    NOT NULL,
            user_id    TEXT    NOT NULL,
            text       TEXT    NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS sample_notes_owner ON sample_notes (provider, user_id, seq);
        """;

    private readonly string _connectionString;
    private volatile bool _ready;

    /// <summary>Uses the file of the SQLite stores.</summary>
    public SqliteNoteStore(IOptions<SqliteStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        FilePath = settings.Path ?? throw new InvalidOperationException("The SQLite stores' path is not resolved; register them with UseSqliteStores.");
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <inheritdoc/>
    public string Location => "SQLite " + FilePath;

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = CreateTable;
        await RunAsync(() => command.ExecuteNonQueryAsync(cancellationToken));
        _ready = true;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Note>> ListAsync(NoteOwner owner, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, text, created_at FROM sample_notes WHERE provider = $provider AND user_id = $user ORDER BY seq;";
        command.Parameters.AddWithValue("$provider", owner.Provider);
        command.Parameters.AddWithValue("$user", owner.UserId);
        return await RunAsync(async () =>
        {
            var notes = new List<Note>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                notes.Add(new Note(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }

            return (IReadOnlyList<Note>)notes;
        });
    }

    /// <inheritdoc/>
    public async Task<Note> AddAsync(NoteOwner owner, string text, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken);
        var note = new Note(Guid.NewGuid().ToString("N"), text, DateTimeOffset.FromUnixTimeMilliseconds(createdAt.ToUnixTimeMilliseconds()));
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO sample_notes (id, provider, user_id, text, created_at) VALUES ($id, $provider, $user, $text, $at);";
        command.Parameters.AddWithValue("$id", note.Id);
        command.Parameters.AddWithValue("$provider", owner.Provider);
        command.Parameters.AddWithValue("$user", owner.UserId);
        command.Parameters.AddWithValue("$text", note.Text);
        command.Parameters.AddWithValue("$at", note.CreatedAt.ToUnixTimeMilliseconds());
        await RunAsync(() => command.ExecuteNonQueryAsync(cancellationToken));
        return note;
    }

    /// <summary>Closes the pooled connections to the file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private Task EnsureReadyAsync(CancellationToken cancellationToken) => _ready ? Task.CompletedTask : InitializeAsync(cancellationToken);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await RunAsync(async () =>
            {
                await connection.OpenAsync(cancellationToken);
                return 0;
            });
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Busy, locked, read-only, I/O error, disk full, cannot open: the file cannot be used right now.
    private async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 or 8 or 10 or 13 or 14)
        {
            throw new StoreUnavailableException($"The notes in '{FilePath}' are unavailable (SQLite error {ex.SqliteErrorCode}).", ex);
        }
    }
}
