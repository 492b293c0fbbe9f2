using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Auth.AspNetCore.Endpoints;
using Studio.Auth.AspNetCore.Http;
using Studio.Auth.Configuration;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps AutoGen Studio's auth endpoints.</summary>
public static class StudioAuthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <c>{api_prefix}/auth</c> (<c>/api/auth</c> by default):
    /// <c>GET type</c> → <c>{"type","exclude_paths"}</c>;
    /// <c>GET login-url</c> → <c>{"login_url"}</c> and the browser-binding cookie;
    /// <c>GET callback</c> → the page that hands the token to the app;
    /// <c>POST callback-handler</c> → <c>{"token","user"}</c>;
    /// <c>GET me</c> → <c>{"id","name","email","avatar_url","provider","roles"}</c>;
    /// <c>POST logout</c> → revokes the token.
    /// Every answer is <c>Cache-Control: no-store</c> and <c>Referrer-Policy: no-referrer</c>.
    /// </summary>
    /// <returns>The route group, for further conventions (tags, rate limiting, ...).</returns>
    public static RouteGroupBuilder MapStudioAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        StudioAuthApplicationBuilderExtensions.EnsureRegistered(endpoints.ServiceProvider);
        var prefix = endpoints.ServiceProvider.GetRequiredService<IOptions<StudioAuthOptions>>().Value.ApiPrefix.TrimEnd('/');
        var group = endpoints.MapGroup(prefix + "/auth");
        group.AddEndpointFilter(static (context, next) =>
        {
            AuthResponses.ApplySecurityHeaders(context.HttpContext.Response);
            return next(context);
        });

        group.MapGet("/type", SessionEndpoints.TypeAsync).WithName("StudioAuthType");
        group.MapGet("/login-url", LoginEndpoints.LoginUrlAsync).WithName("StudioAuthLoginUrl");
        group.MapGet("/callback", LoginEndpoints.CallbackAsync).WithName("StudioAuthCallback");
        group.MapPost("/callback-handler", LoginEndpoints.CallbackHandlerAsync).WithName("StudioAuthCallbackHandler");
        group.MapGet("/me", SessionEndpoints.MeAsync).WithName("StudioAuthMe");
        group.MapPost("/logout", SessionEndpoints.LogoutAsync).WithName("StudioAuthLogout");
        return group;
    }
}
