using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Providers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>AddStudioAuth</c>: chooses the configuration source and adds providers and stores.
/// Every method is idempotent.
/// </summary>
public sealed class StudioAuthBuilder
{
    private static readonly System.Text.RegularExpressions.Regex TypeName = new("^[a-z][a-z0-9_-]{0,31}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    internal StudioAuthBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for extension methods of other packages.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Reads the configuration from an AutoGen Studio <c>auth.yaml</c>.</summary>
    public StudioAuthBuilder UseYamlFile(string path) => UseSource(AuthConfigSource.YamlFile(path));

    /// <summary>Reads the configuration from an <see cref="IConfiguration"/> section (same keys as <c>auth.yaml</c>).</summary>
    public StudioAuthBuilder UseConfiguration(IConfiguration section) => UseSource(AuthConfigSource.Configuration(section));

    /// <summary>Uses <paramref name="source"/>; the last source set wins.</summary>
    public StudioAuthBuilder UseSource(AuthConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Services.Replace(ServiceDescriptor.Singleton(source));
        return this;
    }

    /// <summary>Adjusts the core options in code, after the configuration source is applied (and before validation).</summary>
    public StudioAuthBuilder Configure(Action<StudioAuthOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>
    /// Registers a provider under <paramref name="type"/> (the value of <c>type:</c> and the name of its
    /// YAML block, which is bound to <typeparamref name="TOptions"/>). Options implementing
    /// <see cref="IValidatableAuthOptions"/> are validated at start-up when the provider is selected.
    /// </summary>
    /// <exception cref="InvalidOperationException">The type is already taken by another provider class, or the options type by another provider.</exception>
    public StudioAuthBuilder AddProvider<TProvider, TOptions>(string type, Action<TOptions>? configure = null)
        where TProvider : AuthProviderBase
        where TOptions : class, new()
    {
        if (Register(type, typeof(TProvider), typeof(TOptions), sp => sp.GetRequiredService<IOptions<TOptions>>().Value))
        {
            Services.TryAddSingleton(sp => Create<TProvider>(sp, type));
            Services.AddOptions<TOptions>();
            Services.AddSingleton<IConfigureOptions<TOptions>>(sp => new ProviderBlockOptionsSetup<TOptions>(sp.GetRequiredService<AuthConfigDocument>(), type));
        }

        if (configure is not null)
        {
            Services.Configure(configure);
        }

        return this;
    }

    /// <summary>Registers a provider without options under <paramref name="type"/>.</summary>
    public StudioAuthBuilder AddProvider<TProvider>(string type)
        where TProvider : AuthProviderBase
    {
        if (Register(type, typeof(TProvider), null, _ => null))
        {
            Services.TryAddSingleton(sp => Create<TProvider>(sp, type));
        }

        return this;
    }

    private static TProvider Create<TProvider>(IServiceProvider services, string type)
        where TProvider : AuthProviderBase
    {
        var provider = ActivatorUtilities.CreateInstance<TProvider>(services);
        provider.Type = type;
        return provider;
    }

    // Returns true when newly registered, false when the same registration already exists.
    private bool Register(string type, Type providerType, Type? optionsType, Func<IServiceProvider, object?> options)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!TypeName.IsMatch(type))
        {
            throw new ArgumentException($"Provider type '{type}' must be lower case letters, digits, '-' or '_' (at most 32).", nameof(type));
        }

        foreach (var existing in Services.Where(d => d.ServiceType == typeof(AuthProviderRegistration)).Select(d => (AuthProviderRegistration)d.ImplementationInstance!))
        {
            if (existing.Type == type)
            {
                return existing.ProviderType == providerType && existing.OptionsType == optionsType
                    ? false
                    : throw new InvalidOperationException($"Provider type '{type}' is already registered to {existing.ProviderType.Name}.");
            }

            if (optionsType is not null && existing.OptionsType == optionsType)
            {
                throw new InvalidOperationException($"Options type {optionsType.Name} is already used by provider '{existing.Type}'.");
            }

            if (existing.ProviderType == providerType)
            {
                throw new InvalidOperationException($"{providerType.Name} is already registered as provider '{existing.Type}'; a provider class serves one type.");
            }
        }

        Services.AddSingleton(new AuthProviderRegistration(type, providerType, optionsType, options));
        return true;
    }
}
