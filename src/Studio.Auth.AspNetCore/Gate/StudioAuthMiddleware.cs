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
/// <remarks>
/// This runs on every request, so a request whose token is in the validated-token cache completes here
/// synchronously, without an async state machine, and the path, headers and query are read without allocating.
/// </remarks>
internal sealed partial class StudioAuthMiddleware(
    RequestDelegate next,
    RequestGate gate,
    WebSocketOrigins origins,
    StudioSessionMonitor monitor,
    ILogger<StudioAuthMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (gate.Classify(path) == PathAccess.Unguarded)
        {
            return next(context);
        }

        var isUpgrade = WebSocketRequests.IsUpgrade(context);
        if (isUpgrade && !origins.IsAllowed(request))
        {
            LogOriginRefused(logger);
            return AuthResponses.WriteErrorAsync(context, StatusCodes.Status403Forbidden, AuthResponses.OriginNotAllowed);
        }

        var gateRequest = HttpGateRequests.Read(context, path, isUpgrade);
        var pending = gate.AuthenticateAsync(gateRequest, context.RequestAborted);
        return pending.IsCompletedSuccessfully
            ? Continue(context, gateRequest, pending.Result)
            : ContinueAsync(context, gateRequest, pending);
    }

    private Task Continue(HttpContext context, GateRequest gateRequest, GateResult result)
    {
        if (!result.Allowed)
        {
            LogRefused(logger, gateRequest.Method, result.FailureReason, gateRequest.IsWebSocketUpgrade);
            return AuthResponses.WriteUnauthorizedAsync(context, result.FailureReason, result.TokenPresented);
        }

        if (result.User is { } user)
        {
            StudioAuthFeature.Set(context, user, result.Token, gateRequest, monitor);
        }

        return next(context);
    }

    private async Task ContinueAsync(HttpContext context, GateRequest gateRequest, ValueTask<GateResult> pending) =>
        await Continue(context, gateRequest, await pending.ConfigureAwait(false)).ConfigureAwait(false);

    [LoggerMessage(1, LogLevel.Debug, "Refused {Method} under the API prefix: {Reason} (WebSocket: {IsWebSocket})")]
    private static partial void LogRefused(ILogger logger, string method, string reason, bool isWebSocket);

    [LoggerMessage(2, LogLevel.Warning, "Refused a WebSocket handshake from an origin outside allowed_origins")]
    private static partial void LogOriginRefused(ILogger logger);
}
