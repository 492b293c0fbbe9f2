using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Studio.Auth.AspNetCore;
using Studio.Auth.AspNetCore.Gate;
using Studio.Auth.AspNetCore.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds Studio.Auth to the request pipeline.</summary>
public static partial class StudioAuthApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the request gate (every path under the API prefix needs a valid token unless exempt;
    /// refusals are 401 before any endpoint or WebSocket accept runs), then <c>UseAuthentication()</c>
    /// and <c>UseAuthorization()</c> so <c>[Authorize]</c> and role policies see the Studio user.
    /// Call it after <c>UseRouting()</c>/<c>UseCors()</c> if you call those, and before the endpoints.
    /// </summary>
    /// <exception cref="InvalidOperationException">The ASP.NET Core services were not added (<c>AddStudioAuth(...).AddAspNetCore()</c>).</exception>
    public static IApplicationBuilder UseStudioAuth(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        EnsureRegistered(app.ApplicationServices);
        if (app.ApplicationServices.GetService<IServer>() is { } server and not QueryRedactingServer)
        {
            LogServerNotWrapped(app.ApplicationServices.GetRequiredService<ILogger<StudioAuthMiddleware>>(), server.GetType().Name);
        }

        app.UseMiddleware<StudioAuthMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    internal static void EnsureRegistered(IServiceProvider services)
    {
        if (services.GetService<StudioAuthAspNetCoreMarker>() is null)
        {
            throw new InvalidOperationException(
                "Studio.Auth's ASP.NET Core services are not registered. Add them where you add Studio.Auth: "
                + "builder.Services.AddStudioAuth(args).AddAspNetCore();");
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The server ({ServerType}) was registered after AddAspNetCore(), so ASP.NET Core's request logs may show query strings with tokens: call AddAspNetCore() after the server is configured, or set the level of Microsoft.AspNetCore.Hosting.Diagnostics to Warning")]
    private static partial void LogServerNotWrapped(ILogger logger, string serverType);
}
