using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Studio.Auth.AspNetCore;
using Studio.Auth.AspNetCore.Authentication;
using Studio.Auth.AspNetCore.Gate;
using Studio.Auth.AspNetCore.Logging;
using Studio.Auth.AspNetCore.Sessions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Studio.Auth's ASP.NET Core services.</summary>
public static class StudioAuthBuilderAspNetCoreExtensions
{
    /// <summary>
    /// Adds what <c>UseStudioAuth()</c> and <c>MapStudioAuthEndpoints()</c> need: the <c>StudioAuth</c>
    /// authentication scheme (the default scheme unless the host chose another), authorization, the
    /// WebSocket session monitor and origin check, and log redaction — query values are masked in
    /// ASP.NET Core's request logs and HTTP logging, auth endpoint bodies are never logged. Idempotent.
    /// </summary>
    /// <example><code>builder.Services.AddStudioAuth(args).AddGitHub().AddAspNetCore();</code></example>
    public static StudioAuthBuilder AddAspNetCore(this StudioAuthBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(StudioAuthAspNetCoreMarker)))
        {
            return builder;
        }

        services.AddSingleton<StudioAuthAspNetCoreMarker>();
        services.TryAddSingleton<StudioSessionMonitor>();
        services.TryAddSingleton<WebSocketOrigins>();
        services.AddAuthentication(o => o.AddScheme(StudioAuthDefaults.AuthenticationScheme, scheme =>
        {
            scheme.HandlerType = typeof(StudioAuthenticationHandler);
            scheme.DisplayName = StudioAuthDefaults.DisplayName;
        }));
        services.TryAddTransient<StudioAuthenticationHandler>();
        services.AddOptions<AuthenticationOptions>().PostConfigure(o => o.DefaultScheme ??= StudioAuthDefaults.AuthenticationScheme);
        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpLoggingInterceptor, StudioAuthHttpLoggingInterceptor>());
        DecorateServer(services);
        return builder;
    }

    // The hosting layer logs the request line before any middleware runs; only a server wrapper sees it first.
    private static void DecorateServer(IServiceCollection services)
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IServer) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return;
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Singleton<IServer>(sp => new QueryRedactingServer(Create(sp, original)));
    }

    private static IServer Create(IServiceProvider services, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IServer instance } => instance,
        { ImplementationFactory: { } factory } => (IServer)factory(services),
        _ => (IServer)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!),
    };
}
