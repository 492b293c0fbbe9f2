using Studio.Auth.PostgreSql;
using Studio.Auth.Sample.Notes;
using Studio.Auth.Sqlite;

namespace Studio.Auth.Sample.Storage;

/// <summary>
/// Puts the sample's users and notes in one database, chosen by configuration (command line,
/// environment variables or appsettings): <c>Stores:Database</c> (<c>--database sqlite|postgres</c>)
/// when set; otherwise PostgreSQL when a connection string is configured the way the PostgreSQL stores
/// look for one (<c>ConnectionStrings:StudioAuth</c>, <c>Stores:PostgreSql:ConnectionString</c> or
/// <c>STUDIO_AUTH_POSTGRES</c>), else SQLite. The stores' options bind from <c>Stores:Sqlite</c> and
/// <c>Stores:PostgreSql</c>.
/// </summary>
public static class SampleStorage
{
    /// <summary>The configuration key that picks the database: <c>sqlite</c> or <c>postgres</c>.</summary>
    public const string DatabaseKey = "Stores:Database";

    /// <summary>The section bound to <see cref="SqliteStoreOptions"/> (<c>Stores:Sqlite:Path</c>, ...).</summary>
    public const string SqliteSection = "Stores:Sqlite";

    /// <summary>The section bound to <see cref="PostgreSqlStoreOptions"/> (<c>Stores:PostgreSql:Schema</c>, ...).</summary>
    public const string PostgreSqlSection = "Stores:PostgreSql";

    /// <summary>Which database <paramref name="configuration"/> asks for.</summary>
    /// <exception cref="ArgumentException"><c>Stores:Database</c> names something else.</exception>
    public static SampleDatabase Choose(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var named = configuration[DatabaseKey];
        if (string.IsNullOrWhiteSpace(named))
        {
            return HasPostgreSqlConnectionString(configuration) ? SampleDatabase.PostgreSql : SampleDatabase.Sqlite;
        }

        return named.Trim().ToUpperInvariant() switch
        {
            "SQLITE" => SampleDatabase.Sqlite,
            "POSTGRES" or "POSTGRESQL" => SampleDatabase.PostgreSql,
            _ => throw new ArgumentException($"{SampleOptions.DatabaseSwitch} (configuration key {DatabaseKey}) must be 'sqlite' or 'postgres', not '{named}'."),
        };
    }

    /// <summary>Registers the durable stores of the database <see cref="Choose"/> picks, and the matching note store.</summary>
    public static StudioAuthBuilder UseSampleStorage(this StudioAuthBuilder auth, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(auth);
        var database = Choose(configuration);
        var services = auth.Services;
        if (database == SampleDatabase.PostgreSql)
        {
            auth.UsePostgreSqlStores();
            services.Configure<PostgreSqlStoreOptions>(configuration.GetSection(PostgreSqlSection));
            services.AddSingleton<INoteStore, PostgreSqlNoteStore>();
        }
        else
        {
            auth.UseSqliteStores();
            services.Configure<SqliteStoreOptions>(configuration.GetSection(SqliteSection));
            services.AddSingleton<INoteStore, SqliteNoteStore>();
        }

        // After the stores' own start-up (hosted services start in registration order).
        services.AddHostedService<NotesStartup>();
        return auth;
    }

    private static bool HasPostgreSqlConnectionString(IConfiguration configuration)
    {
        var section = configuration.GetSection(PostgreSqlSection);
        var name = section[nameof(PostgreSqlStoreOptions.ConnectionStringName)] ?? new PostgreSqlStoreOptions().ConnectionStringName;
        return !string.IsNullOrWhiteSpace(section[nameof(PostgreSqlStoreOptions.ConnectionString)])
            || !string.IsNullOrWhiteSpace(configuration.GetConnectionString(name))
            || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable));
    }
}
