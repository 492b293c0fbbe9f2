using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Studio.Auth.AspNetCore.Gate;

/// <summary>
/// Recognises a WebSocket handshake before any middleware accepts it, by the same rules ASP.NET Core's
/// WebSocket middleware applies (RFC 6455 §4.2.1): HTTP/1.1 <c>GET</c> with <c>Connection: Upgrade</c>,
/// <c>Upgrade: websocket</c>, <c>Sec-WebSocket-Version: 13</c> and a <c>Sec-WebSocket-Key</c> that is 16
/// bytes in base64; or an HTTP/2 extended CONNECT for <c>websocket</c> with <c>Sec-WebSocket-Version: 13</c>.
/// Only such a request may carry its token in <c>?token=</c>, so a plain request that merely adds
/// <c>Connection</c>/<c>Upgrade</c> headers is still refused a query token. It does not depend on
/// <c>UseWebSockets()</c> having run, so the gate decides the same way wherever the host puts it.
/// </summary>
internal static class WebSocketRequests
{
    private const string SupportedVersion = "13";
    private const int KeyBytes = 16;

    public static bool IsUpgrade(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
        {
            return string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase)
                && HasVersion13(request.Headers.SecWebSocketVersion);
        }

        return HttpMethods.IsGet(request.Method)
            && HasToken(request.Headers.Connection, "upgrade")
            && HasToken(request.Headers.Upgrade, "websocket")
            && HasVersion13(request.Headers.SecWebSocketVersion)
            && IsValidKey(request.Headers.SecWebSocketKey);
    }

    private static bool HasVersion13(StringValues values) =>
        values.Count == 1 && string.Equals(values[0]?.Trim(), SupportedVersion, StringComparison.Ordinal);

    // Exactly one key, base64 of 16 bytes (24 characters), as the WebSocket middleware demands.
    private static bool IsValidKey(StringValues values)
    {
        if (values.Count != 1 || values[0] is not { } value)
        {
            return false;
        }

        var key = value.AsSpan().Trim();
        Span<byte> decoded = stackalloc byte[KeyBytes + 2];
        return key.Length == 24 && Convert.TryFromBase64Chars(key, decoded, out var written) && written == KeyBytes;
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
