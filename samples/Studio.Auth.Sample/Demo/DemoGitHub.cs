using System.Security.Cryptography;
using Studio.Auth.Testing;

namespace Studio.Auth.Sample.Demo;

/// <summary>
/// <c>--demo</c>: a fake GitHub (from Studio.Auth.Testing) started in this process, with one account,
/// and an <c>auth.yaml</c> written for it — so the whole sign-in can be tried offline, through the same
/// YAML loader, provider and endpoints as with the real GitHub.
/// </summary>
public sealed class DemoGitHub : IAsyncDisposable
{
    private DemoGitHub(FakeGitHubServer server, string configPath, FakeGitHubUser user)
    {
        Server = server;
        ConfigPath = configPath;
        User = user;
    }

    /// <summary>The fake GitHub.</summary>
    public FakeGitHubServer Server { get; }

    /// <summary>The generated <c>auth.yaml</c> (deleted on dispose).</summary>
    public string ConfigPath { get; }

    /// <summary>The account the fake's consent page signs in.</summary>
    public FakeGitHubUser User { get; }

    /// <summary>Starts the fake and writes the configuration for an app served at <paramref name="appUrl"/>.</summary>
    public static async Task<DemoGitHub> StartAsync(Uri appUrl, CancellationToken cancellationToken = default)
    {
        var callback = new Uri(appUrl, "/api/auth/callback").AbsoluteUri;
        var server = await FakeGitHubServer.StartAsync(
            new FakeGitHubServerOptions { AuthorizeMode = FakeGitHubAuthorizeMode.ConsentPage, CallbackUrl = callback },
            cancellationToken);
        var user = server.AddUser("octocat", id: 583231, name: "The Octocat").WithEmail("octocat@example.com");
        var path = Path.Combine(Path.GetTempPath(), $"studio-auth-demo-{Guid.NewGuid():N}.yaml");
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        await File.WriteAllTextAsync(path, server.AuthYaml(callback, secret), cancellationToken);
        return new DemoGitHub(server, path, user);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        File.Delete(ConfigPath);
    }
}
