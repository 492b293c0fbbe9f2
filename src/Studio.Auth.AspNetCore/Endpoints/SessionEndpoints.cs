using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Auth.AspNetCore.Http;
using Studio.Auth.AspNetCore.Sessions;
using Studio.Auth.Configuration;
using Studio.Auth.Gate;
using Studio.Auth.Stores;
using Studio.Auth.Tokens;

namespace Studio.Auth.AspNetCore.Endpoints;

/// <summary>The endpoints about the current session: type, me, logout.</summary>
internal static partial class SessionEndpoints
{
    /// <summary><c>GET /api/auth/type</c> → <c>{"type","exclude_paths"}</c>.</summary>
    public static Task TypeAsync(HttpContext context, IOptions<StudioAuthOptions> options)
    {
        var settings = options.Value;
        return AuthResponses.WriteJsonAsync(context, new AuthTypeBody(settings.Type, settings.ExcludePaths.ToArray()), StudioAuthJsonContext.Default.AuthTypeBody);
    }

    /// <summary><c>GET /api/auth/me</c> → <c>{"id","name","email","avatar_url","provider","roles"}</c>; the profile comes from the user store.</summary>
    public static async Task MeAsync(HttpContext context, IUserStore users, ILoggerFactory loggers)
    {
        if (context.GetStudioUser() is not { } user)
        {
            await AuthResponses.WriteUnauthorizedAsync(context, GateFailures.MissingToken, tokenPresented: false).ConfigureAwait(false);
            return;
        }

        var profile = user;
        try
        {
            if (await users.FindAsync(user.Provider, user.Id, context.RequestAborted).ConfigureAwait(false) is { } record)
            {
                profile = record.User;
            }
        }
        catch (StoreUnavailableException ex)
        {
            LogStoreUnavailable(loggers.CreateLogger(typeof(SessionEndpoints)), ex.GetType().Name);
        }

        // Identity and roles are the token's (they are what is authorized); the profile is the freshest known.
        var body = new UserBody(user.Id, profile.Name, profile.Email, profile.AvatarUrl, user.Provider, user.Roles);
        await AuthResponses.WriteJsonAsync(context, body, StudioAuthJsonContext.Default.UserBody).ConfigureAwait(false);
    }

    /// <summary><c>POST /api/auth/logout</c>: revokes the token (HTTP and WebSocket refuse it from now on) and ends its open sessions.</summary>
    public static async Task LogoutAsync(HttpContext context, ITokenService tokens, StudioSessionMonitor monitor)
    {
        if (context.Features.Get<StudioAuthFeature>() is not { } feature)
        {
            await AuthResponses.WriteUnauthorizedAsync(context, GateFailures.MissingToken, tokenPresented: false).ConfigureAwait(false);
            return;
        }

        if (feature.Token is { IsValid: true } token)
        {
            await tokens.RevokeAsync(token, context.RequestAborted).ConfigureAwait(false);
            monitor.EndToken(token.TokenId, TokenRejection.Revoked.ToCode()!);
        }

        await AuthResponses.WriteJsonAsync(context, new LogoutBody(true, "Signed out"), StudioAuthJsonContext.Default.LogoutBody).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Warning, "User store unavailable for /me ({ExceptionType}); answering from the token")]
    private static partial void LogStoreUnavailable(ILogger logger, string exceptionType);
}
