using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Sqlite;
using Studio.Auth.Stores.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Stores.Tests.Sqlite;

/// <summary>What only the SQLite stores do: the file's location and mode, and following other processes.</summary>
[TestFixture]
public sealed class SqliteStoreTests
{
    private readonly List<StoreHost> _hosts = [];
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("studio-auth-sqlite-").FullName;

    [TearDown]
    public async Task DeleteDirectoryAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        _hosts.Clear();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void Default_file_is_studio_auth_db_in_the_apps_data_directory()
    {
        var appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);

        Assert.That(SqliteFileLocation.Resolve(null, "MyApp"), Is.EqualTo(Path.Combine(appData, "MyApp", "studio-auth.db")));
        Assert.That(SqliteFileLocation.Resolve("/var/lib/app/auth.db", "MyApp"), Is.EqualTo("/var/lib/app/auth.db"));
        Assert.That(SqliteFileLocation.Resolve("data/auth.db", "MyApp"), Is.EqualTo(Path.GetFullPath("data/auth.db")));
    }

    [Test]
    public async Task Start_creates_the_directory_and_a_file_in_wal_mode()
    {
        var file = Path.Combine(_directory, "nested", "deeper", "auth.db");

        await NewHost(file).StartAsync();

        Assert.That(File.Exists(file), Is.True);
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA journal_mode;", connection);
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("wal"));
    }

    [Test]
    public async Task Revocation_written_by_another_process_is_picked_up_by_the_poll()
    {
        var file = Path.Combine(_directory, "auth.db");
        var time = new FakeTimeProvider(TestUsers.Start);
        var a = NewHost(file, time);
        var b = await NewHost(file, time).StartAsync();
        var token = (await a.SignInAsync()).Token!.Token;
        Assert.That((await b.Tokens.ValidateAsync(token)).IsValid, Is.True);

        await a.Tokens.RevokeAsync(await a.Tokens.ValidateAsync(token));
        time.Advance(TimeSpan.FromSeconds(2));

        await Eventually.HoldsAsync(
            async () => (await b.Tokens.ValidateAsync(token)).Rejection == TokenRejection.Revoked,
            TimeSpan.FromSeconds(10),
            "the other process's poll sees the revocation");
    }

    [Test]
    public void A_file_that_cannot_be_created_stops_start_up_with_its_path()
    {
        var blocker = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(blocker, "a file where a directory should be");
        var file = Path.Combine(blocker, "auth.db");

        var ex = Assert.ThrowsAsync<StoreUnavailableException>(() => NewHost(file).StartAsync());

        Assert.That(ex!.Message, Does.Contain(file));
    }

    private StoreHost NewHost(string file, TimeProvider? time = null)
    {
        var host = StoreHost.Create(b => b.UseSqliteStores(file), time ?? new FakeTimeProvider(TestUsers.Start));
        _hosts.Add(host);
        return host;
    }
}
