using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    /// <summary>Makes <typeparamref name="TImplementation"/> the one registration of <typeparamref name="TService"/>, replacing the in-memory default.</summary>
    public static void Replace<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService>(sp => sp.GetRequiredService<TImplementation>());
    }
}
