using System.Net.WebSockets;

namespace Studio.Auth.AspNetCore;

/// <summary>Ends a WebSocket with its session: code 1008 (policy violation) when the token expires or is revoked.</summary>
public static class StudioSessionWebSocketExtensions
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Receives the next frame, unless <paramref name="session"/> ends first: then sends a close frame with
    /// <see cref="WebSocketCloseStatus.PolicyViolation"/> (1008) and the reason (<c>expired</c>,
    /// <c>revoked</c>), waits briefly for the client's close, and returns <see langword="null"/>.
    /// Call it from your receive loop and stop when it returns null; do not send on the socket from
    /// another task at the same time (a WebSocket allows one sender).
    /// </summary>
    /// <param name="socket">The accepted WebSocket.</param>
    /// <param name="buffer">Where to receive into.</param>
    /// <param name="session">The session from <c>HttpContext.GetStudioSession()</c>, taken before accepting.</param>
    /// <param name="cancellationToken">Usually <c>HttpContext.RequestAborted</c>.</param>
    public static async Task<WebSocketReceiveResult?> ReceiveOrCloseAsync(this WebSocket socket, ArraySegment<byte> buffer, StudioSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(session);
        var ended = session.WhenEnded;
        if (!ended.IsCompleted)
        {
            var receive = socket.ReceiveAsync(buffer, cancellationToken);
            if (await Task.WhenAny(receive, ended).ConfigureAwait(false) == receive)
            {
                return await receive.ConfigureAwait(false);
            }

            await CloseAsync(socket, session, cancellationToken).ConfigureAwait(false);
            await DrainAsync(socket, receive, cancellationToken).ConfigureAwait(false);
            return null;
        }

        await CloseAsync(socket, session, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static async Task CloseAsync(WebSocket socket, StudioSession session, CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, session.EndReason ?? "session_ended", cancellationToken).ConfigureAwait(false);
        }
    }

    // The receive that was pending sees the client's close frame; if the client never answers, abort.
    private static async Task DrainAsync(WebSocket socket, Task<WebSocketReceiveResult> pending, CancellationToken cancellationToken)
    {
        try
        {
            await pending.WaitAsync(CloseHandshakeTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }
}
