using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Studio.Auth.Testing;

namespace Studio.Auth.Stores.Tests.SampleHost;

/// <summary>
/// Plays a browser against sample-host processes over plain HTTP: one cookie jar for every instance
/// (cookies belong to a host, not to a port, so the browser-binding cookie set by A is sent to B),
/// redirects followed by hand so each hop can be checked.
/// </summary>
internal sealed partial class SampleBrowser : IDisposable
{
    private readonly HttpClient _client;

    public SampleBrowser()
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>
    /// Begins the sign-in on <paramref name="beginOn"/> (<c>GET /api/auth/login-url</c>), follows the fake
    /// GitHub's authorize redirect, and completes it wherever GitHub sends the browser back to
    /// (<paramref name="completeOn"/>, the instance in <c>callback_url</c>); returns the session token.
    /// </summary>
    public async Task<string> SignInAsync(SampleHostProcess beginOn, SampleHostProcess completeOn, FakeGitHubServer github)
    {
        var login = await _client.GetFromJsonAsync<JsonElement>(new Uri(beginOn.BaseAddress, "/api/auth/login-url"));
        var authorizeUrl = new Uri(login.GetProperty("login_url").GetString()!);
        Assert.That(authorizeUrl.GetLeftPart(UriPartial.Authority), Is.EqualTo(github.BaseUrl), "the login URL leads to the fake GitHub");

        using var authorize = await _client.GetAsync(authorizeUrl);
        Assert.That(authorize.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "GitHub redirects back to the app");
        var callback = authorize.Headers.Location!;
        Assert.That(callback.GetLeftPart(UriPartial.Authority), Is.EqualTo(completeOn.BaseAddress.GetLeftPart(UriPartial.Authority)), $"GitHub sends the browser to {completeOn.Name}");
        Assert.That(Cookies.GetCookies(callback).Select(c => c.Name), Does.Contain("studio_auth_binding"), $"the binding cookie {beginOn.Name} set goes to {completeOn.Name} too");

        using var page = await _client.GetAsync(callback);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{completeOn.Name} completes the sign-in {beginOn.Name} began: {html}");
        var data = DataBlock().Match(html);
        Assert.That(data.Success, Is.True, "the callback page carries its data: " + html);
        var message = JsonDocument.Parse(data.Groups[1].Value).RootElement.GetProperty("message");
        Assert.That(message.GetProperty("type").GetString(), Is.EqualTo("auth-success"), html);
        return message.GetProperty("token").GetString()!;
    }

    /// <summary>Sends a request with the token as a Bearer header.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, SampleHostProcess on, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(on.BaseAddress, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request);
    }

    /// <summary>A JSON answer, asserting it was 2xx.</summary>
    public async Task<JsonElement> GetJsonAsync(SampleHostProcess on, string path, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, on, path, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {path} on {on.Name}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The status of <c>GET <paramref name="path"/></c> with the token.</summary>
    public async Task<HttpStatusCode> StatusAsync(SampleHostProcess on, string path, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, on, path, token);
        return response.StatusCode;
    }

    /// <summary>Opens the echo socket with <c>?token=</c>, as the page does, from the instance's own origin.</summary>
    public static async Task<ClientWebSocket> OpenEchoAsync(SampleHostProcess on, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", on.BaseAddress.GetLeftPart(UriPartial.Authority));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(new Uri($"ws://{on.BaseAddress.Authority}/api/ws/echo?token={Uri.EscapeDataString(token)}"), timeout.Token);
        }
        catch (WebSocketException)
        {
            // The caller reads socket.HttpStatusCode (401 before the upgrade).
        }

        return socket;
    }

    public static async Task<string> EchoAsync(ClientWebSocket socket, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }

    /// <summary>Waits (up to <paramref name="limit"/>) for the server to close the socket; returns its close status.</summary>
    public static async Task<WebSocketCloseStatus?> ReceiveCloseAsync(ClientWebSocket socket, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, timeout.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return received.CloseStatus;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<script type=\"application/json\" id=\"studio-auth-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();
}
