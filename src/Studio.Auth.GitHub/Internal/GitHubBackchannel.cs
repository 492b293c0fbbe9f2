using System.Net;
using System.Reflection;
using Octokit;
using Octokit.Internal;

namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// The HTTP side of the provider: one Octokit <see cref="HttpClientAdapter"/> (so one connection pool) shared by
/// every sign-in, and Octokit connections on top of it — anonymous to the web root for the code exchange,
/// authenticated as the user to the API root for REST calls.
/// </summary>
internal sealed class GitHubBackchannel : IDisposable
{
    /// <summary>Answers larger than this are refused (GitHub's are a few KiB).</summary>
    public const long MaxResponseBytes = 1024 * 1024;

    private static readonly ProductHeaderValue Product = new(
        GitHubAuthenticationDefaults.UserAgentProduct,
        typeof(GitHubBackchannel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    private readonly HttpClientAdapter _http;
    private readonly SimpleJsonSerializer _json = new();

    public GitHubBackchannel(GitHubEndpoints endpoints, TimeSpan timeout)
    {
        Endpoints = endpoints;
        // Octokit's adapter follows redirects itself (so AllowAutoRedirect is off below) and re-sends the request to
        // the new location; the origin guard sees every hop and keeps them all on GitHub's own origins.
        _http = new HttpClientAdapter(() => new GitHubOriginGuard(endpoints)
        {
            InnerHandler = new BoundedBufferHandler(MaxResponseBytes)
            {
                InnerHandler = new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    AutomaticDecompression = DecompressionMethods.All,
                    ConnectTimeout = timeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                },
            },
        });

        // A wall-clock backstop; each call is also bounded by a TimeProvider timer (GitHubCaller).
        _http.SetRequestTimeout(timeout);
        OAuth = new OauthClient(Anonymous());
    }

    public GitHubEndpoints Endpoints { get; }

    /// <summary>Octokit's OAuth client on the web root: builds the sign-in URL.</summary>
    public OauthClient OAuth { get; }

    /// <summary>An anonymous connection to the web root (the code exchange).</summary>
    public IConnection Anonymous() =>
        new Connection(Product, Endpoints.Web, new InMemoryCredentialStore(Credentials.Anonymous), _http, _json);

    /// <summary>A client authenticated with the user's access token, on the API root.</summary>
    public GitHubClient AsUser(string accessToken) =>
        new(new Connection(Product, Endpoints.Api, new InMemoryCredentialStore(new Credentials(accessToken, AuthenticationType.Bearer)), _http, _json));

    public void Dispose() => _http.Dispose();
}
