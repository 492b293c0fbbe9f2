using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using Studio.Auth.Configuration;
using Studio.Auth.Sample.Demo;
using Studio.Auth.Sample.Notes;
using Studio.Auth.Sample.Storage;

namespace Studio.Auth.Sample;

/// <summary>
/// The sample host: a page at <c>/</c>, the auth endpoints, a per-user notes API and a WebSocket echo,
/// all behind Studio.Auth. Auth is off unless <c>--auth-config PATH</c> or <c>AUTOGENSTUDIO_AUTH_CONFIG</c>
/// names an <c>auth.yaml</c>, or <c>--demo</c> starts the fake GitHub. Users and notes live in SQLite
/// (default) or PostgreSQL (<see cref="SampleStorage"/>).
/// </summary>
public sealed class SampleApp : IAsyncDisposable
{
    private SampleApp(WebApplication app, DemoGitHub? demo)
    {
        App = app;
        Demo = demo;
    }

    /// <summary>The web application.</summary>
    public WebApplication App { get; }

    /// <summary>The fake GitHub in <c>--demo</c> mode, else null.</summary>
    public DemoGitHub? Demo { get; }

    /// <summary>
    /// Builds the host. Throws <see cref="AuthConfigException"/> when the configuration is missing or
    /// invalid (the configuration is loaded and validated here, before anything listens),
    /// <see cref="ArgumentException"/> for a bad sample switch and
    /// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> for bad store settings.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="configure">Adjusts the builder before it is built (tests).</param>
    public static async Task<SampleApp> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var options = SampleOptions.Parse(args);
        var builder = WebApplication.CreateBuilder(options.HostArgs);
        builder.Configuration.AddCommandLine(options.HostArgs, SampleOptions.SwitchMappings);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(SampleOptions.DefaultUrl);
        }

        var auth = builder.Services.AddStudioAuth(options.HostArgs).AddGitHub().AddAspNetCore().UseSampleStorage(builder.Configuration);
        DemoGitHub? demo = null;
        if (options.Demo)
        {
            if (options.HostArgs.Any(a => a.StartsWith(AuthConfigSource.CommandLineOption, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"{SampleOptions.DemoSwitch} brings its own configuration; leave out {AuthConfigSource.CommandLineOption}.");
            }

            demo = await DemoGitHub.StartAsync(DemoAppUrl(builder.Configuration["urls"] ?? SampleOptions.DefaultUrl));
            auth.UseYamlFile(demo.ConfigPath);
        }

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        configure?.Invoke(builder);

        var app = builder.Build();
        try
        {
            Configure(app);
        }
        catch
        {
            await app.DisposeAsync();
            if (demo is not null)
            {
                await demo.DisposeAsync();
            }

            throw;
        }

        return new SampleApp(app, demo);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (Demo is not null)
        {
            await Demo.DisposeAsync();
        }
    }

    private static void Configure(WebApplication app)
    {
        // Bad store settings (--database postgres without a connection string, an invalid schema name)
        // stop here with the options' own message, before the host starts.
        _ = app.Services.GetRequiredService<INoteStore>();

        var page = new EmbeddedFileProvider(typeof(SampleApp).Assembly, "Studio.Auth.Sample.wwwroot");
        app.Use(PageSecurityHeaders);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        app.UseWebSockets();
        app.UseStudioAuth();
        app.MapStudioAuthEndpoints();
        app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
        app.MapNotes();
        app.MapEcho();
    }

    // The page loads only its own script and style; avatars may come from any https host (GitHub's CDN).
    private static Task PageSecurityHeaders(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: http:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }

    // The fake GitHub must send the browser back to where the app listens: the first of --urls, on a fixed port.
    private static Uri DemoAppUrl(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal);
        var url = new Uri(first);
        if (url.Port == 0)
        {
            throw new ArgumentException($"{SampleOptions.DemoSwitch} needs a fixed port in --urls (the fake GitHub must know the callback URL).");
        }

        return url;
    }
}
