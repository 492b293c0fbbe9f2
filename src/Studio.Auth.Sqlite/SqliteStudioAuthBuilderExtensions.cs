using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Auth.Sqlite;
using Studio.Auth.Stores.Durable;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SQLite stores.</summary>
public static class SqliteStudioAuthBuilderExtensions
{
    /// <summary>Keeps users, pending sign-ins and revocations in the SQLite file at <paramref name="path"/>.</summary>
    /// <param name="builder">The Studio.Auth builder.</param>
    /// <param name="path">The database file; a relative path is taken from the current directory.</param>
    public static StudioAuthBuilder UseSqliteStores(this StudioAuthBuilder builder, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return builder.UseSqliteStores(o => o.Path = path);
    }

    /// <summary>
    /// Keeps users, pending sign-ins and revocations in one SQLite file (by default <c>studio-auth.db</c>
    /// in the app's data directory; see <see cref="SqliteStoreOptions.Path"/>), replacing the in-memory
    /// stores whether called before or after other registrations. The schema is created or migrated at
    /// host start; expired rows are purged in the background. Calling it again only applies
    /// <paramref name="configure"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another durable store (PostgreSQL) is already registered.</exception>
    public static StudioAuthBuilder UseSqliteStores(this StudioAuthBuilder builder, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(SqliteDatabase)))
        {
            DurableStoreRegistration.EnsureNoOtherStore(services, "SQLite");
            services.AddOptions<SqliteStoreOptions>().ValidateOnStart();
            services.AddSingleton<IPostConfigureOptions<SqliteStoreOptions>>(sp => new SqliteStoreOptionsSetup(sp.GetService<IHostEnvironment>()));
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
            services.AddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;
                return new SqliteDatabase(options.Path!, options.BusyTimeout, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteDatabase>>());
            });
            DurableStoreRegistration.AddStores<SqliteUserStore, SqliteLoginStateStore, SqliteRevocationStore, SqliteStoreMaintenance>(services);
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }
}
