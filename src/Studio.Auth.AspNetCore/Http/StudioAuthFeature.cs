using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Studio.Auth.AspNetCore.Sessions;
using Studio.Auth.Tokens;

namespace Studio.Auth.AspNetCore.Http;

/// <summary>The request's authenticated Studio user, set by the gate or the authentication handler.</summary>
internal sealed class StudioAuthFeature
{
    public StudioAuthFeature(HttpContext context, StudioUser user, TokenValidationResult? token, string? rawToken, StudioSessionMonitor monitor)
    {
        Token = token;
        Principal = StudioPrincipal.Create(user, token?.TokenId);
        Session = new StudioSession(user, token, rawToken, monitor, context.Response.RegisterForDispose);
    }

    /// <summary>The validated token; null for the guest when authentication is off.</summary>
    public TokenValidationResult? Token { get; }

    public ClaimsPrincipal Principal { get; }

    public StudioSession Session { get; }

    /// <summary>Records the user on <paramref name="context"/>: the feature, and <c>HttpContext.User</c>.</summary>
    public static StudioAuthFeature Set(HttpContext context, StudioUser user, TokenValidationResult? token, string? rawToken, StudioSessionMonitor monitor)
    {
        var feature = new StudioAuthFeature(context, user, token, rawToken, monitor);
        context.Features.Set(feature);
        context.User = feature.Principal;
        return feature;
    }
}
