using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Studio.Auth.AspNetCore.Gate;

/// <summary>
/// Recognises a WebSocket handshake before any middleware accepts it: HTTP/1.1 <c>GET</c> with
/// <c>Connection: Upgrade</c> and <c>Upgrade: websocket</c>, or an HTTP/2 extended CONNECT for
/// <c>websocket</c>. It does not depend on <c>UseWebSockets()</c> having run, so the gate decides the
/// same way wherever the host puts it.
/// </summary>
internal static class WebSocketRequests
{
    public static bool IsUpgrade(HttpContext context)
    {
        if (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
        {
            return string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);
        }

        var request = context.Request;
        return HttpMethods.IsGet(request.Method)
            && HasToken(request.Headers.Connection, "upgrade")
            && HasToken(request.Headers.Upgrade, "websocket");
    }

    // Comma-separated header tokens, compared without allocating ("keep-alive, Upgrade" has "upgrade").
    private static bool HasToken(StringValues values, string token)
    {
        foreach (var value in values)
        {
            var rest = value.AsSpan();
            while (true)
            {
                var comma = rest.IndexOf(',');
                var part = comma < 0 ? rest : rest[..comma];
                if (part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (comma < 0)
                {
                    break;
                }

                rest = rest[(comma + 1)..];
            }
        }

        return false;
    }
}
