using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Auth.PostgreSql;
using Studio.Auth.Stores.Durable;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PostgreSQL stores.</summary>
public static class PostgreSqlStudioAuthBuilderExtensions
{
    /// <summary>Keeps users, pending sign-ins and revocations in the PostgreSQL database of <paramref name="connectionString"/>.</summary>
    /// <param name="builder">The Studio.Auth builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Adjusts the other options.</param>
    public static StudioAuthBuilder UsePostgreSqlStores(this StudioAuthBuilder builder, string connectionString, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return builder.UsePostgreSqlStores(o =>
        {
            o.ConnectionString = connectionString;
            configure?.Invoke(o);
        });
    }

    /// <summary>
    /// Keeps users, pending sign-ins and revocations in PostgreSQL, replacing the in-memory stores
    /// whether called before or after other registrations. The connection string comes from
    /// <paramref name="configure"/>, else <c>ConnectionStrings:StudioAuth</c> in configuration, else the
    /// <c>STUDIO_AUTH_POSTGRES</c> environment variable. Several host instances may share the database:
    /// a sign-in begun on one completes on another, and a sign-out reaches every instance's in-memory
    /// revocation index by LISTEN/NOTIFY. Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another durable store (SQLite) is already registered.</exception>
    public static StudioAuthBuilder UsePostgreSqlStores(this StudioAuthBuilder builder, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(PostgreSqlDatabase)))
        {
            DurableStoreRegistration.EnsureNoOtherStore(services, "PostgreSQL");
            services.AddOptions<PostgreSqlStoreOptions>().ValidateOnStart();
            services.AddSingleton(sp => new PostgreSqlStoreOptionsSetup(sp.GetService<IConfiguration>()));
            services.AddSingleton<IPostConfigureOptions<PostgreSqlStoreOptions>>(sp => sp.GetRequiredService<PostgreSqlStoreOptionsSetup>());
            services.AddSingleton<IValidateOptions<PostgreSqlStoreOptions>>(sp => sp.GetRequiredService<PostgreSqlStoreOptionsSetup>());
            services.AddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value;
                return new PostgreSqlDatabase(options.ConnectionString!, options.Schema, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgreSqlDatabase>>());
            });
            DurableStoreRegistration.AddStores<PostgreSqlUserStore, PostgreSqlLoginStateStore, PostgreSqlRevocationStore, PostgreSqlStoreMaintenance>(services);
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }
}
