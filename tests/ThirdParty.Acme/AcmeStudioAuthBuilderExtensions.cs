using ThirdParty.Acme;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Acme sign-in provider to Studio.Auth.</summary>
public static class AcmeStudioAuthBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="AcmeAuthProvider"/> as type <c>acme</c>; its options are bound from the
    /// <c>acme:</c> block of <c>auth.yaml</c>, then <paramref name="configure"/>. Safe to call twice.
    /// </summary>
    public static StudioAuthBuilder AddAcme(this StudioAuthBuilder builder, Action<AcmeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpClient(AcmeDefaults.HttpClientName);
        return builder.AddProvider<AcmeAuthProvider, AcmeOptions>(AcmeDefaults.Type, configure);
    }
}
