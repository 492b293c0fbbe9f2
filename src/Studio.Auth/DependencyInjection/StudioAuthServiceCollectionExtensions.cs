using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Gate;
using Studio.Auth.Login;
using Studio.Auth.Providers;
using Studio.Auth.Stores;
using Studio.Auth.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Studio.Auth.</summary>
public static class StudioAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds Studio.Auth configured from the command line and environment, as AutoGen Studio does:
    /// <c>--auth-config PATH</c> beats <c>AUTOGENSTUDIO_AUTH_CONFIG</c>; neither means auth is off.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="args">The host's command-line arguments.</param>
    public static StudioAuthBuilder AddStudioAuth(this IServiceCollection services, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return services.AddStudioAuth().UseSource(AuthConfigSource.FromCommandLine(args));
    }

    /// <summary>Adds Studio.Auth configured from an <see cref="IConfiguration"/> section (for example <c>configuration.GetSection("StudioAuth")</c>).</summary>
    public static StudioAuthBuilder AddStudioAuth(this IServiceCollection services, IConfiguration section) =>
        services.AddStudioAuth().UseConfiguration(section);

    /// <summary>
    /// Adds Studio.Auth configured in code only: <paramref name="configure"/> sets the options, and
    /// neither <c>AUTOGENSTUDIO_AUTH_CONFIG</c> nor a file is read. The options are validated like a file's.
    /// </summary>
    public static StudioAuthBuilder AddStudioAuth(this IServiceCollection services, Action<StudioAuthOptions> configure) =>
        services.AddStudioAuth().UseSource(AuthConfigSource.None).Configure(configure);

    /// <summary>
    /// Adds Studio.Auth's services. The configuration source defaults to the
    /// <c>AUTOGENSTUDIO_AUTH_CONFIG</c> environment variable (auth off when unset); choose another with
    /// the builder. Calling it again returns a builder for the same registration.
    /// </summary>
    public static StudioAuthBuilder AddStudioAuth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new StudioAuthBuilder(services);
        if (services.Any(d => d.ServiceType == typeof(StudioAuthMarker)))
        {
            return builder;
        }

        services.AddSingleton<StudioAuthMarker>();
        services.AddLogging();
        services.TryAddSingleton(AuthConfigSource.FromCommandLine([]));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<AuthConfigSource>().Read(Environment.GetEnvironmentVariable));

        services.AddOptions<StudioAuthOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<StudioAuthOptions>, DocumentOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StudioAuthOptions>, StudioAuthOptionsValidator>());

        services.TryAddSingleton<AuthProviders>();
        services.TryAddSingleton<IUserStore, InMemoryUserStore>();
        services.TryAddSingleton<ILoginStateStore, InMemoryLoginStateStore>();
        services.TryAddSingleton<IRevocationStore, InMemoryRevocationStore>();
        services.TryAddSingleton<ITokenService, TokenService>();
        services.TryAddSingleton<LoginFlow>();
        services.TryAddSingleton<RequestGate>();
        services.TryAddSingleton<StudioUserManager>();

        builder.AddProvider<NoAuthProvider>(StudioAuthOptions.NoneType);
        return builder;
    }

    private sealed class StudioAuthMarker;
}
