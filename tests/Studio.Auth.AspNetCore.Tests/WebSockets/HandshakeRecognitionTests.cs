using Microsoft.AspNetCore.Http;
using Studio.Auth.AspNetCore.Gate;

namespace Studio.Auth.AspNetCore.Tests.WebSockets;

/// <summary>
/// A WebSocket handshake is recognised from its Connection and Upgrade headers, token by token, and only
/// when it is complete (version 13 and a 16-byte base64 key), as the WebSocket middleware requires.
/// </summary>
public class HandshakeRecognitionTests
{
    private const string ValidKey = "dGhlIHNhbXBsZSBub25jZQ==";

    [TestCase("Upgrade", "websocket")]
    [TestCase("keep-alive, Upgrade", "websocket")]
    [TestCase("Upgrade,keep-alive", "WebSocket")]
    [TestCase("  upgrade  ", " websocket ")]
    [TestCase("keep-alive,,upgrade", "h2c, websocket")]
    public void A_get_with_upgrade_among_its_connection_tokens_is_a_handshake(string connection, string upgrade) =>
        Assert.That(WebSocketRequests.IsUpgrade(Request("GET", connection, upgrade)), Is.True);

    [TestCase("GET", "keep-alive", "websocket")]
    [TestCase("GET", "upgraded", "websocket")]
    [TestCase("GET", "Upgrade", "websockets")]
    [TestCase("GET", "Upgrade", "")]
    [TestCase("GET", "", "websocket")]
    [TestCase("POST", "Upgrade", "websocket")]
    public void Anything_else_is_not(string method, string connection, string upgrade) =>
        Assert.That(WebSocketRequests.IsUpgrade(Request(method, connection, upgrade)), Is.False);

    [TestCase(null, ValidKey)]
    [TestCase("8", ValidKey)]
    [TestCase("13, 8", ValidKey)]
    [TestCase("13", null)]
    [TestCase("13", "")]
    [TestCase("13", "garbage")]
    [TestCase("13", "dGhlIHNhbXBsZSBub25jZQ")]
    [TestCase("13", "dGhlIHNhbXBsZSBub25jZSE=")]
    public void Upgrade_headers_without_a_valid_version_and_key_are_not_a_handshake(string? version, string? key) =>
        Assert.That(WebSocketRequests.IsUpgrade(Request("GET", "Upgrade", "websocket", version, key)), Is.False);

    private static DefaultHttpContext Request(string method, string connection, string upgrade, string? version = "13", string? key = ValidKey)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Headers.Connection = connection;
        context.Request.Headers.Upgrade = upgrade;
        if (version is not null)
        {
            context.Request.Headers.SecWebSocketVersion = version;
        }

        if (key is not null)
        {
            context.Request.Headers.SecWebSocketKey = key;
        }

        return context;
    }
}
