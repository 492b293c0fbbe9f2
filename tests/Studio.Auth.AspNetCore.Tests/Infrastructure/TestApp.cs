using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Configuration;

namespace Studio.Auth.AspNetCore.Tests.Infrastructure;

/// <summary>What a <see cref="TestApp"/> is built with.</summary>
internal sealed class TestAppOptions
{
    public const string Secret = "kZ8q3vN1xW7tR4yB6mP0sL2jH5gF9dCaQeUiOo";

    /// <summary>Type <c>test</c> (the test provider) unless changed; <c>none</c> turns authentication off.</summary>
    public string Type { get; set; } = TestIdentityProvider.TypeName;

    public Action<StudioAuthOptions>? Auth { get; set; }

    public FakeTimeProvider? Time { get; set; }

    public CapturedLog? Log { get; set; }

    public Action<WebApplicationBuilder>? Builder { get; set; }

    /// <summary>Runs before <c>UseStudioAuth()</c> (for example <c>UseHttpLogging()</c>).</summary>
    public Action<WebApplication>? BeforeAuth { get; set; }
}

/// <summary>
/// A real Kestrel host on 127.0.0.1 with a random port: the adapter as a host uses it (AddStudioAuth,
/// AddAspNetCore, UseStudioAuth, MapStudioAuthEndpoints) plus a few guarded routes, an [Authorize]
/// page outside the API, and a WebSocket echo that closes with 1008 when its session ends.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, Uri baseAddress, TestIdentities identities, FakeTimeProvider? time)
    {
        App = app;
        BaseAddress = baseAddress;
        Identities = identities;
        Time = time;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public TestIdentities Identities { get; }

    public FakeTimeProvider? Time { get; }

    public Uri WebSocketAddress(string pathAndQuery) => new($"ws://{BaseAddress.Authority}{pathAndQuery}");

    public static async Task<TestApp> StartAsync(Action<TestAppOptions>? configure = null)
    {
        var options = new TestAppOptions();
        configure?.Invoke(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (options.Log is { } log)
        {
            builder.Logging.AddProvider(log);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        var identities = new TestIdentities();
        builder.Services.AddSingleton(identities);
        if (options.Time is { } time)
        {
            builder.Services.AddSingleton<TimeProvider>(time);
        }

        builder.Services.AddStudioAuth(o =>
            {
                o.Type = options.Type;
                o.JwtSecret = TestAppOptions.Secret;
                o.ExcludePaths.Add("/api/public/*");
                options.Auth?.Invoke(o);
            })
            .AddProvider<TestIdentityProvider>(TestIdentityProvider.TypeName)
            .AddAspNetCore();
        options.Builder?.Invoke(builder);

        var app = builder.Build();
        options.BeforeAuth?.Invoke(app);
        app.UseWebSockets();
        app.UseStudioAuth();
        app.MapStudioAuthEndpoints();
        MapRoutes(app);

        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        identities.CallbackUrl ??= new Uri($"http://localhost:{baseAddress.Port}/api/auth/callback");
        return new TestApp(app, baseAddress, identities, options.Time);
    }

    /// <summary>A client for this host; with a cookie jar (the browser-binding cookie) and no automatic redirects.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
        };

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }

    private static void MapRoutes(WebApplication app)
    {
        app.MapGet("/api/teams", (HttpContext context) => Results.Ok(new { user = context.GetStudioUser()!.Id }));
        app.MapMethods("/api/notes", ["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE"], (HttpContext context) => Results.Ok(new { user = context.GetStudioUser()!.Id }));
        app.MapGet("/api/public/info", () => Results.Ok(new { open = true }));
        app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/api/admin/stats", () => Results.Ok(new { users = 3 })).RequireAuthorization(p => p.RequireRole(StudioUser.AdminRole));
        app.MapGet("/profile", (HttpContext context) => Results.Ok(new { user = context.GetStudioUser()!.Id, name = context.User.Identity!.Name }))
            .RequireAuthorization();
        app.MapGet("/admin", () => Results.Ok(new { admin = true })).RequireAuthorization(p => p.RequireRole(StudioUser.AdminRole));
        app.MapGet("/", () => Results.Text("home"));
        app.Map("/api/ws/echo", EchoAsync);
    }

    private static async Task EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var session = context.GetStudioSession()!;
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveOrCloseAsync(buffer, session, context.RequestAborted).ConfigureAwait(false);
            if (received is null)
            {
                return;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
