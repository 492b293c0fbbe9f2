using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Studio.Auth.AspNetCore.Tests.Infrastructure;

namespace Studio.Auth.AspNetCore.Tests.Http;

public class GuardedRouteTests
{
    private TestApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync();
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static readonly string[] Methods = ["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE"];

    private static readonly string[] GuardedPaths =
    [
        "/api/notes", "/api/notes/", "/API/NOTES", "/Api/Notes/", "/api//notes", "/api/./notes",
        "/api/teams", "/api/unknown/route", "/api", "/api/", "/api/auth/me", "/api/auth/logout",
        "/api/auth/type/../../notes", "/api/auth/callback/../../notes", "/api/public/../notes",
        "/api/auth%2Fme", "/api%2Fnotes", "/api/auth/type%2F..%2F..%2Fnotes", "/api/auth%2ftype",
        "/api/%2e%2e/api/notes", "/api/auth/%2E%2E/notes", "/api/notes%2F", "/api/auth/type/..%2Fme",
        "/api/admin/stats", "/api/ws/echo",
    ];

    public static IEnumerable<TestCaseData> EveryMethodOnEveryGuardedPath() =>
        from method in Methods
        from path in GuardedPaths
        select new TestCaseData(method, path).SetName($"No token: {method} {path} is 401");

    [TestCaseSource(nameof(EveryMethodOnEveryGuardedPath))]
    public async Task A_guarded_route_without_a_token_is_401_with_a_bearer_challenge(string method, string path)
    {
        using var response = await SendRawAsync(method, path);
        Assert.That(response.Status, Is.EqualTo(401), response.Text);
        Assert.That(response.Header("WWW-Authenticate"), Is.EqualTo("Bearer"));
        Assert.That(response.Header("Cache-Control"), Is.EqualTo("no-store"));
        if (method != "HEAD")
        {
            using var body = JsonDocument.Parse(response.Body);
            Assert.That(body.RootElement.GetProperty("status").GetBoolean(), Is.False);
            Assert.That(body.RootElement.GetProperty("detail").GetString(), Is.EqualTo("missing_token"));
        }
    }

    [TestCase("/api/auth/type")]
    [TestCase("/api/auth/type/")]
    [TestCase("/API/AUTH/TYPE")]
    [TestCase("/api/health")]
    [TestCase("/api/public/info")]
    [TestCase("/")]
    public async Task Exempt_and_unguarded_routes_answer_without_a_token(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_lowercase_bearer_scheme_is_accepted()
    {
        var signedIn = await SignIn.AsAsync(_app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/notes");
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + signedIn.Token);
        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("1001"));
    }

    [TestCase("Basic YWRhOnNlY3JldA==", "invalid_authorization_header")]
    [TestCase("Bearer", "invalid_authorization_header")]
    [TestCase("Bearer ", "invalid_authorization_header")]
    [TestCase("Bearer a b", "invalid_authorization_header")]
    [TestCase("Token abc", "invalid_authorization_header")]
    [TestCase("Bearer not-a-jwt", "malformed")]
    public async Task A_bad_authorization_header_is_401_invalid_token(string header, string reason)
    {
        using var response = await SendRawAsync("GET", "/api/notes", $"Authorization: {header}\r\n");
        Assert.That(response.Status, Is.EqualTo(401));
        Assert.That(response.Header("WWW-Authenticate"), Does.StartWith("Bearer error=\"invalid_token\""));
        Assert.That(Detail(response.Body), Is.EqualTo(reason));
    }

    [Test]
    public async Task Two_authorization_headers_are_401_even_when_both_are_valid()
    {
        var signedIn = await SignIn.AsAsync(_app);
        using var response = await SendRawAsync("GET", "/api/notes", $"Authorization: Bearer {signedIn.Token}\r\nAuthorization: Bearer {signedIn.Token}\r\n");
        Assert.That(response.Status, Is.EqualTo(401));
        Assert.That(Detail(response.Body), Is.EqualTo("multiple_tokens"));
    }

    [Test]
    public async Task A_query_token_on_a_plain_http_route_is_401()
    {
        var signedIn = await SignIn.AsAsync(_app);
        using var response = await _client.GetAsync("/api/notes?token=" + signedIn.Token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Detail(await response.Content.ReadAsStringAsync()), Is.EqualTo("query_token_not_allowed"));
    }

    [TestCase("Connection: Upgrade\r\nUpgrade: websocket\r\n")]
    [TestCase("Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: garbage\r\n")]
    [TestCase("Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")]
    public async Task A_query_token_on_a_plain_route_stays_401_when_the_request_only_looks_like_a_websocket_handshake(string upgradeHeaders)
    {
        var signedIn = await SignIn.AsAsync(_app);
        using var response = await SendRawAsync("GET", "/api/notes?token=" + signedIn.Token, upgradeHeaders);
        Assert.That(response.Status, Is.EqualTo(401));
        Assert.That(Detail(response.Body), Is.EqualTo("query_token_not_allowed"));
    }

    [Test]
    public async Task A_token_signed_with_another_secret_is_401_bad_signature()
    {
        var signedIn = await SignIn.AsAsync(_app);
        var parts = signedIn.Token.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/notes");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer error=\"invalid_token\", error_description=\"bad_signature\""));
    }

    internal static string Detail(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    // HttpClient normalises paths and refuses duplicate Authorization headers; a raw socket sends exactly what a hostile client would.
    private async Task<RawResponse> SendRawAsync(string method, string path, string extraHeaders = "")
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, _app.BaseAddress.Port);
        var stream = socket.GetStream();
        var contentLength = method is "POST" or "PUT" ? "Content-Length: 0\r\n" : string.Empty;
        var request = $"{method} {path} HTTP/1.1\r\nHost: {_app.BaseAddress.Authority}\r\n{extraHeaders}{contentLength}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return RawResponse.Parse(await reader.ReadToEndAsync());
    }

    internal sealed class RawResponse : IDisposable
    {
        private RawResponse(int status, Dictionary<string, string> headers, string body, string text)
        {
            Status = status;
            Headers = headers;
            Body = body;
            Text = text;
        }

        public int Status { get; }

        public Dictionary<string, string> Headers { get; }

        public string Body { get; }

        public string Text { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

        public static RawResponse Parse(string text)
        {
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var head = split < 0 ? text : text[..split];
            var body = split < 0 ? string.Empty : text[(split + 4)..];
            var lines = head.Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers[line[..colon]] = line[(colon + 1)..].Trim();
            }

            if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding == "chunked")
            {
                body = Dechunk(body);
            }

            return new RawResponse(status, headers, body, text);
        }

        public void Dispose()
        {
        }

        private static string Dechunk(string body)
        {
            var result = new StringBuilder();
            var position = 0;
            while (position < body.Length)
            {
                var end = body.IndexOf("\r\n", position, StringComparison.Ordinal);
                var size = Convert.ToInt32(body[position..end], 16);
                if (size == 0)
                {
                    break;
                }

                result.Append(body, end + 2, size);
                position = end + 2 + size + 2;
            }

            return result.ToString();
        }
    }
}
