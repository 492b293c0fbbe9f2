using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.AspNetCore.Tests.Infrastructure;
using Studio.Auth.Stores;

namespace Studio.Auth.AspNetCore.Tests.WebSockets;

public class WebSocketTests
{
    private static readonly TimeSpan CloseDeadline = TimeSpan.FromSeconds(2);

    private TestApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await TestApp.StartAsync();

    [OneTimeTearDown]
    public Task Stop() => _app.DisposeAsync().AsTask();

    [Test]
    public async Task A_query_token_opens_the_socket_and_it_echoes()
    {
        var signedIn = await SignIn.AsAsync(_app);
        using var socket = await ConnectAsync(_app, "/api/ws/echo?token=" + signedIn.Token);
        Assert.That(await EchoAsync(socket, "hello"), Is.EqualTo("hello"));
    }

    [Test]
    public async Task An_authorization_header_opens_the_socket_too()
    {
        var signedIn = await SignIn.AsAsync(_app);
        using var socket = await ConnectAsync(_app, "/api/ws/echo", s => s.Options.SetRequestHeader("Authorization", "Bearer " + signedIn.Token));
        Assert.That(await EchoAsync(socket, "hi"), Is.EqualTo("hi"));
    }

    [TestCase("/api/ws/echo", "missing_token")]
    [TestCase("/api/ws/echo?token=", "missing_token")]
    [TestCase("/api/ws/echo?token=not-a-token", "malformed")]
    [TestCase("/API/WS/ECHO/", "missing_token")]
    [TestCase("/api/auth/type/../../ws/echo", "missing_token")]
    public async Task A_handshake_without_a_valid_token_is_401_never_101(string path, string reason)
    {
        var (status, _) = await HandshakeStatusAsync(_app, path);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), reason);
    }

    [Test]
    public async Task A_handshake_with_an_expired_token_is_401()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(o => o.Time = time);
        var signedIn = await SignIn.AsAsync(app);
        time.Advance(TimeSpan.FromMinutes(62));
        var (status, _) = await HandshakeStatusAsync(app, "/api/ws/echo?token=" + signedIn.Token);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task After_logout_the_same_token_is_refused_on_http_and_on_websocket()
    {
        var signedIn = await SignIn.AsAsync(_app);
        using (var logout = signedIn.Request(HttpMethod.Post, "/api/auth/logout"))
        {
            (await signedIn.Client.SendAsync(logout)).Dispose();
        }

        using var request = signedIn.Request(HttpMethod.Get, "/api/notes");
        using var http = await signedIn.Client.SendAsync(request);
        Assert.That(http.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var (status, _) = await HandshakeStatusAsync(_app, "/api/ws/echo?token=" + signedIn.Token);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Logout_closes_the_open_socket_with_1008_within_two_seconds()
    {
        var signedIn = await SignIn.AsAsync(_app);
        using var socket = await ConnectAsync(_app, "/api/ws/echo?token=" + signedIn.Token);
        Assert.That(await EchoAsync(socket, "before"), Is.EqualTo("before"));

        var clock = Stopwatch.StartNew();
        using (var logout = signedIn.Request(HttpMethod.Post, "/api/auth/logout"))
        {
            (await signedIn.Client.SendAsync(logout)).Dispose();
        }

        var close = await ReceiveCloseAsync(socket);
        Assert.That(close.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        Assert.That(close.CloseStatusDescription, Is.EqualTo("revoked"));
        Assert.That(clock.Elapsed, Is.LessThan(CloseDeadline));
    }

    [Test]
    public async Task Revocation_from_elsewhere_closes_the_open_socket_with_1008_within_two_seconds()
    {
        _app.Identities.Add("eve", new ExternalIdentity { Id = "1066", Name = "Eve", UserName = "eve" });
        var signedIn = await SignIn.AsAsync(_app, "eve");
        using var socket = await ConnectAsync(_app, "/api/ws/echo?token=" + signedIn.Token);
        Assert.That(await EchoAsync(socket, "x"), Is.EqualTo("x"));

        var clock = Stopwatch.StartNew();
        await _app.Service<StudioUserManager>().SignOutEverywhereAsync("test", "1066");
        var close = await ReceiveCloseAsync(socket);
        Assert.That(close.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        Assert.That(close.CloseStatusDescription, Is.EqualTo("revoked"));
        Assert.That(clock.Elapsed, Is.LessThan(CloseDeadline));
    }

    [Test]
    public async Task Expiry_closes_the_open_socket_with_1008_within_two_seconds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(o => o.Time = time);
        var signedIn = await SignIn.AsAsync(app);
        using var socket = await ConnectAsync(app, "/api/ws/echo?token=" + signedIn.Token);
        Assert.That(await EchoAsync(socket, "still valid"), Is.EqualTo("still valid"));

        var clock = Stopwatch.StartNew();
        time.Advance(TimeSpan.FromMinutes(60) + TimeSpan.FromSeconds(1));
        var close = await ReceiveCloseAsync(socket);
        Assert.That(close.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
        Assert.That(close.CloseStatusDescription, Is.EqualTo("expired"));
        Assert.That(clock.Elapsed, Is.LessThan(CloseDeadline));
    }

    [Test]
    public async Task A_session_that_has_not_expired_keeps_its_socket_open()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(o => o.Time = time);
        var signedIn = await SignIn.AsAsync(app);
        using var socket = await ConnectAsync(app, "/api/ws/echo?token=" + signedIn.Token);
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.That(await EchoAsync(socket, "one minute left"), Is.EqualTo("one minute left"));
    }

    [TestCase("https://evil.example")]
    [TestCase("http://127.0.0.1:1")]
    [TestCase("null")]
    public async Task A_handshake_from_a_foreign_origin_is_refused_with_403(string origin)
    {
        var signedIn = await SignIn.AsAsync(_app);
        var (status, _) = await HandshakeStatusAsync(_app, "/api/ws/echo?token=" + signedIn.Token, s => s.Options.SetRequestHeader("Origin", origin));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_handshake_from_the_apps_own_origin_or_the_callback_origin_is_accepted()
    {
        var signedIn = await SignIn.AsAsync(_app);
        var own = _app.BaseAddress.GetLeftPart(UriPartial.Authority);
        var callback = _app.Identities.CallbackUrl!.GetLeftPart(UriPartial.Authority);
        Assert.That(callback, Is.Not.EqualTo(own), "the test provider's callback uses localhost, the app 127.0.0.1");
        foreach (var origin in new[] { own, callback })
        {
            using var socket = await ConnectAsync(_app, "/api/ws/echo?token=" + signedIn.Token, s => s.Options.SetRequestHeader("Origin", origin));
            Assert.That(await EchoAsync(socket, origin), Is.EqualTo(origin));
        }
    }

    [Test]
    public async Task Configured_allowed_origins_replace_the_defaults()
    {
        await using var app = await TestApp.StartAsync(o => o.Auth = a => a.AllowedOrigins.Add("https://studio.example.com"));
        var signedIn = await SignIn.AsAsync(app);
        var (own, _) = await HandshakeStatusAsync(app, "/api/ws/echo?token=" + signedIn.Token, s => s.Options.SetRequestHeader("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority)));
        Assert.That(own, Is.EqualTo(HttpStatusCode.Forbidden));
        using var socket = await ConnectAsync(app, "/api/ws/echo?token=" + signedIn.Token, s => s.Options.SetRequestHeader("Origin", "https://studio.example.com"));
        Assert.That(await EchoAsync(socket, "ok"), Is.EqualTo("ok"));
    }

    internal static async Task<ClientWebSocket> ConnectAsync(TestApp app, string pathAndQuery, Action<ClientWebSocket>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(app.WebSocketAddress(pathAndQuery), timeout.Token);
        return socket;
    }

    internal static async Task<(HttpStatusCode Status, WebSocketException Error)> HandshakeStatusAsync(TestApp app, string pathAndQuery, Action<ClientWebSocket>? configure = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket);
        var error = Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(app.WebSocketAddress(pathAndQuery), CancellationToken.None));
        Assert.That(socket.HttpStatusCode, Is.Not.EqualTo(HttpStatusCode.SwitchingProtocols));
        return (socket.HttpStatusCode, error!);
    }

    internal static async Task<string> EchoAsync(ClientWebSocket socket, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    internal static async Task<WebSocketReceiveResult> ReceiveCloseAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return result;
            }
        }
    }
}
