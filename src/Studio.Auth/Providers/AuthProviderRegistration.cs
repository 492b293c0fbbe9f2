namespace Studio.Auth.Providers;

/// <summary>
/// A provider type known to the host: its name, its class and its options type. Added by
/// <c>AddProvider&lt;TProvider, TOptions&gt;("type")</c> (and <c>AddGitHub()</c>, which uses the same door).
/// </summary>
public sealed class AuthProviderRegistration
{
    private readonly Func<IServiceProvider, object?> _options;

    internal AuthProviderRegistration(string type, Type providerType, Type? optionsType, Func<IServiceProvider, object?> options)
    {
        Type = type;
        ProviderType = providerType;
        OptionsType = optionsType;
        _options = options;
    }

    /// <summary>The type name used in <c>type:</c> and as the YAML block name (lower case).</summary>
    public string Type { get; }

    /// <summary>The <see cref="AuthProviderBase"/> subclass.</summary>
    public Type ProviderType { get; }

    /// <summary>The options type bound from the provider's YAML block, if any.</summary>
    public Type? OptionsType { get; }

    /// <summary>The provider's configured options (bound from its block, then code), or null without an options type.</summary>
    internal object? GetOptions(IServiceProvider services) => _options(services);
}
