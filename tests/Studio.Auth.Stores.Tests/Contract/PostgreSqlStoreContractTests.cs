using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Studio.Auth.PostgreSql;
using Studio.Auth.Stores.Tests.Support;

namespace Studio.Auth.Stores.Tests.Contract;

/// <summary>
/// The contract against the PostgreSQL stores on a real server (<c>STUDIO_AUTH_TEST_POSTGRES</c>),
/// each test in its own schema, reached through a relay the outage tests can cut.
/// </summary>
[TestFixture]
public sealed class PostgreSqlStoreContractTests : DurableStoreContractTests
{
    private LoopbackProxy _proxy = null!;
    private string _schema = null!;

    [OneTimeSetUp]
    public void StartProxy()
    {
        PostgreSqlTestDatabase.RequireServer();
        _proxy = PostgreSqlTestDatabase.NewProxy();
    }

    [OneTimeTearDown]
    public async Task StopProxyAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    protected override Task PrepareStorageAsync()
    {
        _schema = PostgreSqlTestDatabase.NewSchema();
        return Task.CompletedTask;
    }

    protected override Task DropStorageAsync() => PostgreSqlTestDatabase.DropSchemaAsync(_schema);

    protected override void UseStores(StudioAuthBuilder builder) => builder.UsePostgreSqlStores(PostgreSqlTestDatabase.Through(_proxy), o =>
    {
        o.Schema = _schema;
        o.PurgeInterval = PurgeInterval;
    });

    protected override async Task<long> CountRowsAsync(string table) =>
        (long)(await PostgreSqlTestDatabase.ScalarAsync($"SELECT COUNT(*) FROM \"{_schema}\".{table};"))!;

    protected override async Task<int[]> SchemaVersionsAsync() =>
        (int[])(await PostgreSqlTestDatabase.ScalarAsync($"SELECT array_agg(version ORDER BY version) FROM \"{_schema}\".schema_version;"))!;

    protected override Task RecordSchemaVersionAsync(int version) =>
        PostgreSqlTestDatabase.ScalarAsync($"INSERT INTO \"{_schema}\".schema_version (version, description) VALUES (@v, 'from the future');", ("v", version));

    protected override async Task RerunMigrationsAsync()
    {
        foreach (var migration in PostgreSqlMigrations.For($"\"{_schema}\"", _schema + ".revocations"))
        {
            await PostgreSqlTestDatabase.ScalarAsync(migration.Sql);
        }
    }

    protected override Task MakeUnavailableAsync()
    {
        _proxy.Cut();
        return Task.CompletedTask;
    }

    protected override Task MakeAvailableAsync()
    {
        _proxy.Restore();
        return Task.CompletedTask;
    }

    protected override Task CatchUpAsync(StoreHost host) =>
        host.Services.GetRequiredService<PostgreSqlRevocationStore>().CatchUpAsync(CancellationToken.None);
}
