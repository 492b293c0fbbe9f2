using Microsoft.Extensions.Options;

namespace Studio.Auth.Configuration;

/// <summary>
/// Binds the configuration document onto the options objects: the top level onto
/// <see cref="StudioAuthOptions"/>, a provider's block onto its options. Problems are reported by
/// <see cref="StudioAuthOptionsValidator"/>, which binds again with a collecting sink.
/// </summary>
internal sealed class DocumentOptionsSetup(AuthConfigDocument document) : IConfigureOptions<StudioAuthOptions>
{
    public void Configure(StudioAuthOptions options)
    {
        if (document.Root is { } root)
        {
            OptionsBinder.Bind(root, options, Discard(), otherAllowedKeys: null);
        }

        options.Type = options.Type?.Trim().ToLowerInvariant() ?? string.Empty;
    }

    internal static AuthConfigProblems Discard() => new(AuthConfigDocument.Empty("discard"), string.Empty, []);
}

/// <summary>Binds the YAML block named after a provider type onto that provider's options.</summary>
internal sealed class ProviderBlockOptionsSetup<TOptions>(AuthConfigDocument document, string type) : IConfigureOptions<TOptions>
    where TOptions : class
{
    public void Configure(TOptions options)
    {
        if (document.Root is { } root && root.TryGet(type, out _, out var block) && block is ConfigMapping mapping)
        {
            OptionsBinder.Bind(mapping, options, DocumentOptionsSetup.Discard());
        }
    }
}
