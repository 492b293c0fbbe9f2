using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting.Server;

namespace Studio.Auth.HttpBenchmarks;

/// <summary>
/// The host under load: Kestrel on 127.0.0.1, logging at Warning, WebSockets on, and the same two
/// endpoints (<see cref="BenchmarkEndpoints"/>) behind no auth, Studio.Auth, or JwtBearer (or, for reference,
/// ASP.NET Core's authentication and authorization middleware with a scheme that authenticates for free).
/// </summary>
internal static class BenchmarkHost
{
    /// <param name="mode">How <c>/api</c> is authenticated.</param>
    /// <param name="port">The loopback port Kestrel listens on.</param>
    /// <param name="authConfigPath">The benchmark's <c>auth.yaml</c>.</param>
    /// <param name="server">Another server instead of Kestrel (the in-process pipeline measurement); registered
    /// before Studio.Auth, so Studio.Auth wraps it exactly as it wraps Kestrel.</param>
    public static WebApplication Build(HostMode mode, int port, string authConfigPath, IServer? server = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        if (server is not null)
        {
            builder.Services.AddSingleton(server);
        }

        switch (mode)
        {
            case HostMode.Studio:
                // Exactly as docs/aspnetcore.md shows it: auth.yaml (type github), the GitHub provider, the adapter.
                builder.Services.AddStudioAuth(["--auth-config", authConfigPath]).AddGitHub().AddAspNetCore();
                break;
            case HostMode.Floor:
                builder.Services.AddAuthentication(o => o.AddScheme(FreeAuthenticationHandler.Scheme, s => s.HandlerType = typeof(FreeAuthenticationHandler)));
                builder.Services.AddTransient<FreeAuthenticationHandler>();
                builder.Services.AddAuthorization();
                break;
            case HostMode.JwtBearer:
                // The same auth.yaml, read and validated by Studio.Auth, gives JwtBearer its key and rules.
                var settings = StudioAuthSettings.Load(authConfigPath);
                builder.Services.AddSingleton(_ => settings);
                builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o => JwtBearerSetup.Configure(o, settings));
                builder.Services.AddAuthorization();
                break;
        }

        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet(BenchmarkEndpoints.AllocatedPath, BenchmarkEndpoints.AllocatedAsync);
        switch (mode)
        {
            case HostMode.None:
                app.MapGet(BenchmarkEndpoints.PingPath, BenchmarkEndpoints.PingAsync);
                app.Map(BenchmarkEndpoints.WebSocketPath, BenchmarkEndpoints.AcceptAndCloseAsync);
                break;
            case HostMode.Studio:
                // The gate guards every /api path; no RequireAuthorization needed (or added).
                app.UseStudioAuth();
                app.MapStudioAuthEndpoints();
                app.MapGet(BenchmarkEndpoints.PingPath, BenchmarkEndpoints.PingAsync);
                app.Map(BenchmarkEndpoints.WebSocketPath, BenchmarkEndpoints.AcceptAndCloseAsync);
                break;
            case HostMode.Floor:
                // Placed and mapped like Studio.Auth (UseStudioAuth adds these two; its gate guards /api without RequireAuthorization).
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet(BenchmarkEndpoints.PingPath, BenchmarkEndpoints.PingAsync);
                app.Map(BenchmarkEndpoints.WebSocketPath, BenchmarkEndpoints.AcceptAndCloseAsync);
                break;
            case HostMode.JwtBearer:
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet(BenchmarkEndpoints.PingPath, BenchmarkEndpoints.PingAsync).RequireAuthorization();
                app.Map(BenchmarkEndpoints.WebSocketPath, BenchmarkEndpoints.AcceptAndCloseAsync).RequireAuthorization();
                break;
        }

        return app;
    }
}
