using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Studio.Auth.PostgreSql;
using Studio.Auth.Sample.Notes;
using Studio.Auth.Sqlite;
using Studio.Auth.Stores;

namespace Studio.Auth.AspNetCore.Tests.Sample;

/// <summary>The sample's note stores, run unchanged against a real SQLite file and a real PostgreSQL schema.</summary>
public abstract class NoteStoreTests
{
    private static readonly NoteOwner Octocat = new("github", "583231");
    private static readonly NoteOwner Hubot = new("github", "9001");
    private readonly List<INoteStore> _stores = [];

    protected abstract INoteStore CreateStore();

    [TearDown]
    public async Task DisposeStoresAsync()
    {
        foreach (var store in _stores)
        {
            switch (store)
            {
                case IAsyncDisposable disposable:
                    await disposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        _stores.Clear();
    }

    [Test]
    public async Task Notes_come_back_oldest_first_and_only_to_their_owner()
    {
        var store = await StartedStoreAsync();
        var at = DateTimeOffset.UtcNow;
        var first = await store.AddAsync(Octocat, "first", at);
        await store.AddAsync(Hubot, "hubot's", at);
        var second = await store.AddAsync(Octocat, "second", at);

        Assert.That(await store.ListAsync(Octocat), Is.EqualTo(new[] { first, second }));
        Assert.That((await store.ListAsync(Hubot)).Select(n => n.Text), Is.EqualTo(new[] { "hubot's" }));
        Assert.That(await store.ListAsync(new NoteOwner("none", "583231")), Is.Empty, "same id, another provider");
    }

    [Test]
    public async Task Notes_written_by_one_store_are_read_by_another_on_the_same_database()
    {
        var before = await StartedStoreAsync();
        var note = await before.AddAsync(Octocat, "kept", DateTimeOffset.UtcNow);

        var after = await StartedStoreAsync();

        Assert.That(await after.ListAsync(Octocat), Is.EqualTo(new[] { note }));
    }

    [Test]
    public async Task Stores_starting_together_create_the_table_once_and_lose_nothing()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Track(CreateStore())).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync())));
        await Task.WhenAll(stores.Select((s, i) => s.AddAsync(Octocat, $"note {i}", DateTimeOffset.UtcNow)));

        Assert.That((await stores[0].ListAsync(Octocat)).Select(n => n.Text), Is.EquivalentTo(new[] { "note 0", "note 1", "note 2", "note 3" }));
    }

    [Test]
    public async Task A_store_used_before_start_creates_its_table_on_first_use()
    {
        var store = Track(CreateStore());

        var note = await store.AddAsync(Octocat, "early", DateTimeOffset.UtcNow);

        Assert.That(await store.ListAsync(Octocat), Is.EqualTo(new[] { note }));
    }

    protected INoteStore Track(INoteStore store)
    {
        _stores.Add(store);
        return store;
    }

    private async Task<INoteStore> StartedStoreAsync()
    {
        var store = Track(CreateStore());
        await store.InitializeAsync();
        return store;
    }
}

[TestFixture]
public sealed class SqliteNoteStoreTests : NoteStoreTests
{
    private DirectoryInfo _directory = null!;

    private string FilePath => Path.Combine(_directory.FullName, "sample.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("studio-auth-notes-");

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    [Test]
    public void A_file_that_cannot_be_opened_is_unavailable_not_a_crash()
    {
        var store = Track(new SqliteNoteStore(Options.Create(new SqliteStoreOptions { Path = Path.Combine(_directory.FullName, "missing", "sample.db") })));

        Assert.ThrowsAsync<StoreUnavailableException>(() => store.ListAsync(new NoteOwner("github", "1")));
    }

    protected override INoteStore CreateStore() => new SqliteNoteStore(Options.Create(new SqliteStoreOptions { Path = FilePath }));
}

[TestFixture]
public sealed class PostgreSqlNoteStoreTests : NoteStoreTests
{
    private const string Variable = "STUDIO_AUTH_TEST_POSTGRES";
    private string _connectionString = null!;
    private string _schema = null!;

    [SetUp]
    public async Task CreateSchemaAsync()
    {
        _connectionString = Environment.GetEnvironmentVariable(Variable) ?? string.Empty;
        if (_connectionString.Length == 0)
        {
            Assert.Ignore($"PostgreSQL tests need a server: set {Variable} to an Npgsql connection string (CI's .ci/run does).");
        }

        // The PostgreSQL stores create the schema; here it stands in for them.
        _schema = "t_notes_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE SCHEMA \"{_schema}\";");
    }

    [TearDown]
    public async Task DropSchemaAsync()
    {
        if (_schema is not null)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE;");
        }
    }

    [Test]
    public void Before_the_stores_created_their_schema_notes_are_unavailable_not_a_crash()
    {
        var store = Track(new PostgreSqlNoteStore(Options.Create(new PostgreSqlStoreOptions { ConnectionString = _connectionString, Schema = "t_never_created" })));

        Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync());
    }

    [Test]
    public void An_unreachable_server_is_unavailable_not_a_crash()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(_connectionString) { Host = "127.0.0.1", Port = 1, Timeout = 2 }.ConnectionString;
        var store = Track(new PostgreSqlNoteStore(Options.Create(new PostgreSqlStoreOptions { ConnectionString = unreachable, Schema = _schema })));

        Assert.ThrowsAsync<StoreUnavailableException>(() => store.ListAsync(new NoteOwner("github", "1")));
    }

    protected override INoteStore CreateStore() =>
        new PostgreSqlNoteStore(Options.Create(new PostgreSqlStoreOptions { ConnectionString = _connectionString, Schema = _schema }));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
