using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Studio.Auth.Stores.Durable;

/// <summary>Registration helpers shared by the durable store packages.</summary>
internal static class DurableStoreRegistration
{
    // Each package compiles its own copy of the shared types, so another package's maintenance
    // service is recognised by its base type's name.
    private static readonly string MaintenanceBase = typeof(DurableStoreMaintenance).FullName!;

    /// <summary>Throws when another durable store package already took over the stores.</summary>
    public static void EnsureNoOtherStore(IServiceCollection services, string mine)
    {
        var other = services
            .Select(d => d.ServiceType)
            .FirstOrDefault(t => t != typeof(DurableStoreMaintenance) && t.BaseType?.FullName == MaintenanceBase);
        if (other is not null)
        {
            throw new InvalidOperationException(
                $"Studio.Auth stores are already kept by {other.Assembly.GetName().Name}; register one durable store ({mine} was asked for as well).");
        }
    }

    /// <summary>
    /// Registers a package's stores in place of the in-memory ones (each one instance, reachable by its
    /// interface and by its own type), their clock unless the app has one, and the package's maintenance
    /// as the hosted service that migrates, loads the revocation index, follows other processes'
    /// revocations and purges.
    /// </summary>
    public static void AddStores<TUsers, TStates, TRevocations, TMaintenance>(IServiceCollection services)
        where TUsers : DurableUserStore
        where TStates : DurableLoginStateStore
        where TRevocations : DurableRevocationStore
        where TMaintenance : DurableStoreMaintenance
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TUsers>();
        services.AddSingleton<TStates>();
        services.AddSingleton<TRevocations>();
        Replace<IUserStore, TUsers>(services);
        Replace<ILoginStateStore, TStates>(services);
        Replace<IRevocationStore, TRevocations>(services);
        services.AddSingleton<TMaintenance>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<TMaintenance>());
    }

    /// <summary>Makes <typeparamref name="TImplementation"/> the one registration of <typeparamref name="TService"/>, replacing the in-memory default.</summary>
    private static void Replace<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService>(sp => sp.GetRequiredService<TImplementation>());
    }
}
