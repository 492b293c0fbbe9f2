using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.Sqlite;
using Studio.Auth.Stores.Tests.Support;

namespace Studio.Auth.Stores.Tests.Contract;

/// <summary>The contract against the SQLite stores, each test on a new file in a temporary directory.</summary>
[TestFixture]
public sealed class SqliteStoreContractTests : DurableStoreContractTests
{
    private string _directory = null!;
    private SqliteConnection? _lock;

    private string FilePath => Path.Combine(_directory, "auth.db");

    protected override Task PrepareStorageAsync()
    {
        _directory = Directory.CreateTempSubdirectory("studio-auth-sqlite-").FullName;
        return Task.CompletedTask;
    }

    protected override Task DropStorageAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    protected override void UseStores(StudioAuthBuilder builder) => builder.UseSqliteStores(o =>
    {
        o.Path = FilePath;
        o.BusyTimeout = TimeSpan.FromSeconds(1);
        o.PurgeInterval = PurgeInterval;
    });

    protected override async Task<long> CountRowsAsync(string table) =>
        (long)(await ScalarAsync($"SELECT COUNT(*) FROM {table};"))!;

    protected override async Task<int[]> SchemaVersionsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new SqliteCommand("SELECT version FROM schema_version ORDER BY version;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return [.. versions];
    }

    protected override Task RecordSchemaVersionAsync(int version) =>
        ScalarAsync($"INSERT INTO schema_version (version, description, applied_at) VALUES ({version}, 'from the future', 0);");

    protected override async Task RerunMigrationsAsync()
    {
        foreach (var migration in SqliteMigrations.All)
        {
            await ScalarAsync(migration.Sql);
        }
    }

    protected override async Task MakeUnavailableAsync()
    {
        // Another process holding the write lock longer than the busy timeout.
        _lock = await OpenAsync();
        await using var command = new SqliteCommand("BEGIN EXCLUSIVE;", _lock);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task MakeAvailableAsync()
    {
        if (_lock is not null)
        {
            await _lock.DisposeAsync();
            _lock = null;
        }
    }

    protected override Task CatchUpAsync(StoreHost host) =>
        host.Services.GetRequiredService<SqliteRevocationStore>().CatchUpAsync(CancellationToken.None);

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
