using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Studio.Auth.Tests.Providers.Acme;

/// <summary>
/// A small OAuth 2.0 server with PKCE on a loopback port (Kestrel): /authorize redirects back with a
/// code for <see cref="Person"/>, /token checks the client, the code (single use), the redirect URI
/// and the PKCE verifier, /userinfo returns the person for the access token.
/// </summary>
internal sealed class FakeAcmeServer : IAsyncDisposable
{
    public const string ClientId = "studio-client";
    public const string ClientSecret = "acme-client-secret-value";

    private readonly ConcurrentDictionary<string, (string Challenge, string RedirectUri, AcmePerson Person)> _codes = new();
    private readonly ConcurrentDictionary<string, AcmePerson> _accessTokens = new();
    private WebApplication _app = null!;
    private int _tokenRequests;
    private int _pkceVerified;

    private FakeAcmeServer()
    {
    }

    public Uri Authority { get; private set; } = null!;

    /// <summary>The person signed in at Acme, who approves the next authorization.</summary>
    public AcmePerson Person { get; set; } = new("acme-42", "Ada Acme", "ada@acme.example", EmailVerified: true, "ada");

    /// <summary>When set, /authorize answers with this OAuth error instead of a code (the person said no).</summary>
    public string? DenyWith { get; set; }

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public int PkceVerified => Volatile.Read(ref _pkceVerified);

    public string? LastScope { get; private set; }

    public static async Task<FakeAcmeServer> StartAsync()
    {
        var server = new FakeAcmeServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/authorize", server.Authorize);
        app.MapPost("/token", server.TokenAsync);
        app.MapGet("/userinfo", server.UserInfo);
        await app.StartAsync();
        server._app = app;
        server.Authority = new Uri(app.Urls.Single() + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["response_type"] != "code" || q["client_id"] != ClientId || q["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["state"]) || string.IsNullOrEmpty(q["redirect_uri"]))
        {
            return Results.BadRequest("invalid_request");
        }

        LastScope = q["scope"];
        var redirect = q["redirect_uri"].ToString();
        var state = Uri.EscapeDataString(q["state"]!);
        if (DenyWith is { } error)
        {
            return Results.Redirect($"{redirect}?error={error}&state={state}");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (q["code_challenge"]!, redirect, Person);
        return Results.Redirect($"{redirect}?code={code}&state={state}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = await request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant) || form["redirect_uri"] != grant.RedirectUri)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var verifier = form["code_verifier"].ToString();
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (verifier.Length == 0 || challenge != grant.Challenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "PKCE verification failed" }, statusCode: 400);
        }

        Interlocked.Increment(ref _pkceVerified);
        var accessToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _accessTokens[accessToken] = grant.Person;
        return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 3600 });
    }

    private IResult UserInfo(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header["Bearer ".Length..], out var person))
        {
            return Results.Unauthorized();
        }

        return Results.Json(new
        {
            sub = person.Subject,
            name = person.Name,
            email = person.Email,
            email_verified = person.EmailVerified,
            preferred_username = person.UserName,
            picture = "https://acme.example/avatars/" + person.Subject + ".png",
        });
    }
}

internal sealed record AcmePerson(string Subject, string? Name, string? Email, bool EmailVerified, string? UserName);
