using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Studio.Auth.PostgreSql;
using Studio.Auth.Sqlite;

namespace Studio.Auth.Stores.Tests.Registration;

/// <summary>How <c>UseSqliteStores</c> and <c>UsePostgreSqlStores</c> register, whatever the order of calls.</summary>
[TestFixture]
public sealed class RegistrationTests
{
    [Test]
    public void UseSqliteStores_replaces_every_in_memory_store()
    {
        using var provider = Build(s => s.AddStudioAuth(o => o.Type = "none").UseSqliteStores("/tmp/never-opened.db"));

        Assert.That(provider.GetRequiredService<IUserStore>(), Is.InstanceOf<SqliteUserStore>());
        Assert.That(provider.GetRequiredService<ILoginStateStore>(), Is.InstanceOf<SqliteLoginStateStore>());
        Assert.That(provider.GetRequiredService<IRevocationStore>(), Is.InstanceOf<SqliteRevocationStore>());
        Assert.That(provider.GetServices<IHostedService>().Single(), Is.InstanceOf<SqliteStoreMaintenance>());
    }

    [Test]
    public void UsePostgreSqlStores_replaces_every_in_memory_store()
    {
        using var provider = Build(s => s.AddStudioAuth(o => o.Type = "none").UsePostgreSqlStores("Host=127.0.0.1;Database=never"));

        Assert.That(provider.GetRequiredService<IUserStore>(), Is.InstanceOf<PostgreSqlUserStore>());
        Assert.That(provider.GetRequiredService<ILoginStateStore>(), Is.InstanceOf<PostgreSqlLoginStateStore>());
        Assert.That(provider.GetRequiredService<IRevocationStore>(), Is.InstanceOf<PostgreSqlRevocationStore>());
        Assert.That(provider.GetServices<IHostedService>().Single(), Is.InstanceOf<PostgreSqlStoreMaintenance>());
    }

    [Test]
    public void Stores_stay_durable_when_AddStudioAuth_and_providers_are_registered_afterwards()
    {
        using var provider = Build(s =>
        {
            s.AddStudioAuth().UseSqliteStores("/tmp/never-opened.db");
            s.AddStudioAuth(o => o.Type = "none").UseSqliteStores(o => o.BusyTimeout = TimeSpan.FromSeconds(9));
        });

        Assert.That(provider.GetRequiredService<IUserStore>(), Is.InstanceOf<SqliteUserStore>());
        Assert.That(provider.GetServices<IUserStore>().Count(), Is.EqualTo(1));
        Assert.That(provider.GetServices<IHostedService>().Count(), Is.EqualTo(1));
        Assert.That(provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.BusyTimeout, Is.EqualTo(TimeSpan.FromSeconds(9)));
    }

    [Test]
    public void Two_durable_stores_cannot_both_be_registered()
    {
        var services = new ServiceCollection();
        var builder = services.AddStudioAuth().UseSqliteStores("/tmp/never-opened.db");

        var ex = Assert.Throws<InvalidOperationException>(() => builder.UsePostgreSqlStores("Host=127.0.0.1"));

        Assert.That(ex!.Message, Does.Contain("Studio.Auth.Sqlite"));
    }

    [Test]
    public void Invalid_sqlite_options_are_all_reported_at_start()
    {
        using var provider = Build(s => s.AddStudioAuth().UseSqliteStores(o =>
        {
            o.BusyTimeout = TimeSpan.Zero;
            o.PurgeInterval = TimeSpan.Zero;
            o.MaxPendingSignIns = 0;
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value);

        Assert.That(ex!.Failures.ToList(), Has.Count.EqualTo(3));
    }

    [Test]
    public void Configured_sqlite_path_is_the_full_path_of_the_file_the_stores_open()
    {
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ApplicationName = "MyApp" };
        using var byDefault = Build(s => s.AddSingleton<IHostEnvironment>(environment).AddStudioAuth().UseSqliteStores());
        using var relative = Build(s => s.AddStudioAuth().UseSqliteStores("data/auth.db"));

        var appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        Assert.That(byDefault.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.Path, Is.EqualTo(Path.Combine(appData, "MyApp", "studio-auth.db")));
        Assert.That(byDefault.GetRequiredService<SqliteDatabase>().FilePath, Is.EqualTo(Path.Combine(appData, "MyApp", "studio-auth.db")));
        Assert.That(relative.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.Path, Is.EqualTo(Path.GetFullPath("data/auth.db")));
    }

    [Test]
    public void PostgreSql_connection_string_comes_from_configuration_when_not_set_in_code()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:StudioAuth"] = "Host=db.internal;Database=auth" })
            .Build();

        using var provider = Build(s =>
        {
            s.AddSingleton<IConfiguration>(configuration);
            s.AddStudioAuth().UsePostgreSqlStores();
        });

        Assert.That(provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value.ConnectionString, Is.EqualTo("Host=db.internal;Database=auth"));
    }

    [Test]
    public void PostgreSql_connection_string_comes_from_the_environment_as_a_last_resort()
    {
        var before = Environment.GetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable);
        Environment.SetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable, "Host=from-env;Database=auth");
        try
        {
            using var provider = Build(s => s.AddStudioAuth().UsePostgreSqlStores());

            Assert.That(provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value.ConnectionString, Is.EqualTo("Host=from-env;Database=auth"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable, before);
        }
    }

    [Test]
    public void Missing_postgresql_connection_string_and_bad_schema_stop_start_up_naming_where_to_set_it()
    {
        var before = Environment.GetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable);
        Environment.SetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable, null);
        try
        {
            using var provider = Build(s => s.AddStudioAuth().UsePostgreSqlStores(o => o.Schema = "Robert'); DROP TABLE users;--"));

            var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value);

            Assert.That(ex!.Message, Does.Contain("ConnectionStrings:StudioAuth").And.Contain(PostgreSqlStoreOptions.EnvironmentVariable).And.Contain("Schema"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable, before);
        }
    }

    private static ServiceProvider Build(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection().AddLogging();
        configure(services);
        return services.BuildServiceProvider();
    }
}
