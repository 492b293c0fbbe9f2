using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Studio.Auth.AspNetCore.Sessions;
using Studio.Auth.Gate;
using Studio.Auth.Tokens;

namespace Studio.Auth.AspNetCore.Http;

/// <summary>The request's authenticated Studio user, set by the gate or the authentication handler.</summary>
internal sealed class StudioAuthFeature
{
    private readonly HttpContext _context;
    private readonly GateRequest _tokenSource;
    private readonly StudioSessionMonitor _monitor;
    private StudioSession? _session;

    /// <param name="context">The request.</param>
    /// <param name="user">The signed-in user (or the guest when authentication is off).</param>
    /// <param name="token">The validated token; null for the guest.</param>
    /// <param name="tokenSource">Where the token came from, so the session can read it again if it is watched.</param>
    /// <param name="monitor">Watches long-lived sessions.</param>
    public StudioAuthFeature(HttpContext context, StudioUser user, TokenValidationResult? token, GateRequest tokenSource, StudioSessionMonitor monitor)
    {
        _context = context;
        _tokenSource = tokenSource;
        _monitor = monitor;
        User = user;
        Token = token;
        Principal = StudioPrincipal.Create(user, token?.TokenId);
    }

    public StudioUser User { get; }

    /// <summary>The validated token; null for the guest when authentication is off.</summary>
    public TokenValidationResult? Token { get; }

    public ClaimsPrincipal Principal { get; }

    /// <summary>The session, created when first asked for (most requests never ask).</summary>
    public StudioSession Session
    {
        get
        {
            if (Volatile.Read(ref _session) is { } session)
            {
                return session;
            }

            var created = new StudioSession(User, Token, _tokenSource, _monitor, _context.Response);
            return Interlocked.CompareExchange(ref _session, created, null) ?? created;
        }
    }

    /// <summary>Records the user on <paramref name="context"/>: the feature, and <c>HttpContext.User</c>.</summary>
    public static StudioAuthFeature Set(HttpContext context, StudioUser user, TokenValidationResult? token, GateRequest tokenSource, StudioSessionMonitor monitor)
    {
        var feature = new StudioAuthFeature(context, user, token, tokenSource, monitor);
        context.Features.Set(feature);
        context.User = feature.Principal;
        return feature;
    }
}
