using Microsoft.AspNetCore.Http;
using Studio.Auth.AspNetCore.Gate;

namespace Studio.Auth.AspNetCore.Tests.WebSockets;

/// <summary>A WebSocket handshake is recognised from its Connection and Upgrade headers, token by token.</summary>
public class HandshakeRecognitionTests
{
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

    private static DefaultHttpContext Request(string method, string connection, string upgrade)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Headers.Connection = connection;
        context.Request.Headers.Upgrade = upgrade;
        return context;
    }
}
