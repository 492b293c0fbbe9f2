using Microsoft.Extensions.Configuration;
using Studio.Auth.PostgreSql;
using Studio.Auth.Sample.Storage;

namespace Studio.Auth.AspNetCore.Tests.Sample;

/// <summary>How the sample picks the database for its users and notes.</summary>
[NonParallelizable] // reads STUDIO_AUTH_POSTGRES, which one test clears
public sealed class SampleStorageTests
{
    [Test]
    public void Without_a_connection_string_the_sample_uses_sqlite()
    {
        var before = Environment.GetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable);
        Environment.SetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable, null);
        try
        {
            Assert.That(SampleStorage.Choose(Configuration()), Is.EqualTo(SampleDatabase.Sqlite));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable, before);
        }
    }

    [TestCase("ConnectionStrings:StudioAuth")]
    [TestCase("Stores:PostgreSql:ConnectionString")]
    public void A_configured_connection_string_switches_the_sample_to_postgresql(string key)
    {
        Assert.That(SampleStorage.Choose(Configuration((key, "Host=db;Database=auth"))), Is.EqualTo(SampleDatabase.PostgreSql));
    }

    [TestCase("sqlite", SampleDatabase.Sqlite)]
    [TestCase("SQLite", SampleDatabase.Sqlite)]
    [TestCase("postgres", SampleDatabase.PostgreSql)]
    [TestCase("postgresql", SampleDatabase.PostgreSql)]
    public void The_database_switch_wins_over_a_configured_connection_string(string database, SampleDatabase expected)
    {
        var args = new[] { "--database", database };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ConnectionStrings:StudioAuth", "Host=db;Database=auth")])
            .AddCommandLine(args, Studio.Auth.Sample.SampleOptions.SwitchMappings)
            .Build();

        Assert.That(SampleStorage.Choose(configuration), Is.EqualTo(expected));
    }

    [Test]
    public void An_unknown_database_is_refused_naming_the_choices()
    {
        var ex = Assert.Throws<ArgumentException>(() => SampleStorage.Choose(Configuration(("Stores:Database", "mysql"))));

        Assert.That(ex!.Message, Does.Contain("--database").And.Contain("'sqlite' or 'postgres'").And.Contain("mysql"));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
