using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Studio.Auth.Login;
using Studio.Auth.Stores;
using Studio.Auth.Testing;
using Studio.Auth.Tokens;

namespace Studio.Auth.GitHub.Tests.Support;

/// <summary>
/// A host in miniature: Studio.Auth with the GitHub provider pointed at a <see cref="FakeGitHubServer"/> over real
/// HTTP, the in-memory stores, and captured logs.
/// </summary>
public sealed class GitHubSignInHarness : IAsyncDisposable
{
    public const string CallbackUrl = "http://127.0.0.1:8081/api/auth/callback";
    public const string JwtSecret = "hJ4k9Qz2Lx7Vb1Nw8Rt5Yp3Mc6Gd0Fs-Ae_Ui";

    private GitHubSignInHarness(FakeGitHubServer gitHub, ServiceProvider services, CapturedLogs logs)
    {
        GitHub = gitHub;
        Services = services;
        Logs = logs;
    }

    public FakeGitHubServer GitHub { get; }

    public ServiceProvider Services { get; }

    public CapturedLogs Logs { get; }

    public LoginFlow Flow => Services.GetRequiredService<LoginFlow>();

    public IUserStore Users => Services.GetRequiredService<IUserStore>();

    public ITokenService Tokens => Services.GetRequiredService<ITokenService>();

    public static async Task<GitHubSignInHarness> StartAsync(Action<GitHubAuthOptions>? configure = null, FakeGitHubServerOptions? fake = null, Action<IServiceCollection>? services = null)
    {
        var gitHub = await FakeGitHubServer.StartAsync(fake);
        var logs = new CapturedLogs();
        var collection = new ServiceCollection().AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddStudioAuth(o =>
        {
            o.Type = "github";
            o.JwtSecret = JwtSecret;
        }).AddGitHub(o =>
        {
            o.UseFakeGitHub(gitHub, CallbackUrl);
            configure?.Invoke(o);
        });
        services?.Invoke(collection);
        return new GitHubSignInHarness(gitHub, collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), logs);
    }

    public Task<SignInResult> SignInAsync(string? returnPath = null) => GitHub.RunSignInAsync(Flow, returnPath);

    public Task<UserRecord?> FindUserAsync(long gitHubId) => Users.FindAsync("github", gitHubId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await GitHub.DisposeAsync();
    }
}
