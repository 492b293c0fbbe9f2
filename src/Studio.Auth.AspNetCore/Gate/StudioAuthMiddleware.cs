using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Studio.Auth.AspNetCore.Http;
using Studio.Auth.AspNetCore.Sessions;
using Studio.Auth.Gate;

namespace Studio.Auth.AspNetCore.Gate;

/// <summary>
/// The core <see cref="RequestGate"/> as middleware. Every request under the API prefix needs a valid
/// token unless its path is exempt; a refusal is answered here — 401 with <c>WWW-Authenticate: Bearer</c> —
/// so a WebSocket handshake is refused before anything can accept it. WebSocket handshakes from an
/// untrusted <c>Origin</c> get 403. An accepted request carries the user (<c>HttpContext.User</c>,
/// <c>GetStudioUser()</c>, <c>GetStudioSession()</c>).
/// </summary>
internal sealed partial class StudioAuthMiddleware(
    RequestDelegate next,
    RequestGate gate,
    WebSocketOrigins origins,
    StudioSessionMonitor monitor,
    ILogger<StudioAuthMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var access = gate.Classify(path);
        if (access == PathAccess.Unguarded)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var isUpgrade = WebSocketRequests.IsUpgrade(context);
        if (isUpgrade && !origins.IsAllowed(request))
        {
            LogOriginRefused(logger);
            await AuthResponses.WriteErrorAsync(context, StatusCodes.Status403Forbidden, AuthResponses.OriginNotAllowed).ConfigureAwait(false);
            return;
        }

        var gateRequest = new GateRequest(request.Method, path, request.Headers.Authorization, request.Query[StudioAuthDefaults.TokenQueryParameter], isUpgrade);
        var result = await gate.AuthenticateAsync(gateRequest, context.RequestAborted).ConfigureAwait(false);
        if (!result.Allowed)
        {
            LogRefused(logger, request.Method, result.FailureReason, isUpgrade);
            await AuthResponses.WriteUnauthorizedAsync(context, result.FailureReason, result.TokenPresented).ConfigureAwait(false);
            return;
        }

        if (result.User is { } user)
        {
            var rawToken = result.Token is null ? null : RequestGate.ExtractToken(gateRequest, out _);
            StudioAuthFeature.Set(context, user, result.Token, rawToken, monitor);
        }

        await next(context).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Debug, "Refused {Method} under the API prefix: {Reason} (WebSocket: {IsWebSocket})")]
    private static partial void LogRefused(ILogger logger, string method, string reason, bool isWebSocket);

    [LoggerMessage(2, LogLevel.Warning, "Refused a WebSocket handshake from an origin outside allowed_origins")]
    private static partial void LogOriginRefused(ILogger logger);
}
