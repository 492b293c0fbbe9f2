using Microsoft.Extensions.Primitives;

namespace Studio.Auth.Gate;

/// <summary>The parts of a request the gate decides on; any host can fill it in.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path (with the path base), as received.</param>
/// <param name="Authorization">Every <c>Authorization</c> header value.</param>
/// <param name="QueryToken">Every <c>token</c> query parameter value.</param>
/// <param name="IsWebSocketUpgrade">Whether the request asks to upgrade to a WebSocket.</param>
public readonly record struct GateRequest(string Method, string Path, StringValues Authorization, StringValues QueryToken, bool IsWebSocketUpgrade);
