using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;

namespace Studio.Auth.Providers;

/// <summary>The registered provider types and the one the configuration selected.</summary>
public sealed class AuthProviders
{
    private readonly Dictionary<string, AuthProviderRegistration> _registrations;
    private readonly IServiceProvider _services;
    private readonly Lazy<AuthProviderBase> _active;

    /// <summary>Created by dependency injection.</summary>
    public AuthProviders(IEnumerable<AuthProviderRegistration> registrations, IServiceProvider services, IOptions<StudioAuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _registrations = registrations.ToDictionary(r => r.Type, StringComparer.OrdinalIgnoreCase);
        _services = services;
        _active = new Lazy<AuthProviderBase>(() => Get(options.Value.Type)
            ?? throw new InvalidOperationException($"No provider is registered for type '{options.Value.Type}'."));
    }

    /// <summary>Every registered type name, sorted.</summary>
    public IReadOnlyList<string> Types => _registrations.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The provider selected by <c>type</c>.</summary>
    public AuthProviderBase Active => _active.Value;

    /// <summary>The provider registered as <paramref name="type"/>, or null.</summary>
    public AuthProviderBase? Get(string type)
    {
        if (!_registrations.TryGetValue(type, out var registration))
        {
            return null;
        }

        var provider = (AuthProviderBase)_services.GetRequiredService(registration.ProviderType);
        provider.Type = registration.Type;
        return provider;
    }
}
