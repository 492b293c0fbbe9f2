using System.Net.WebSockets;
using Studio.Auth.AspNetCore;

namespace Studio.Auth.Sample;

/// <summary>
/// <c>/api/ws/echo</c>: a WebSocket that echoes every message. The browser passes its token as
/// <c>?token=</c> (browsers cannot set headers on WebSockets); the gate refuses a bad token with 401
/// before the handshake. When the token expires or is revoked (sign-out) the socket is closed with
/// 1008 via the session's end signal.
/// </summary>
public static class EchoEndpoint
{
    /// <summary>Maps the echo socket.</summary>
    public static IEndpointRouteBuilder MapEcho(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/api/ws/echo", EchoAsync);
        return endpoints;
    }

    private static async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var session = context.GetStudioSession()!;
        var aborted = context.RequestAborted;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            // Null: the session ended (expired or signed out) and the socket was closed with 1008.
            var received = await socket.ReceiveOrCloseAsync(buffer, session, aborted);
            if (received is null)
            {
                return;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, aborted);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, aborted);
        }
    }
}
