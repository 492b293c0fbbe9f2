using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.AspNetCore;
using Studio.Auth.AspNetCore.Gate;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds Studio.Auth to the request pipeline.</summary>
public static class StudioAuthApplicationBuilderExtensions
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
}
