using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.Login;
using Studio.Auth.Testing.Internal;

namespace Studio.Auth.Testing;

/// <summary>
/// A fake GitHub for tests, served over real HTTP on <c>127.0.0.1</c> (a random free port): the OAuth App sign-in
/// (<c>/login/oauth/authorize</c>, <c>/login/oauth/access_token</c> with single-use expiring codes, <c>redirect_uri</c>
/// equality and S256 PKCE) and the REST calls a sign-in makes, under <c>/api/v3</c> as on GitHub Enterprise Server.
/// Users, failures (every OAuth error, 5xx, rate limits, slow or no answers, malformed bodies) are scriptable, and every
/// request is recorded with its secrets redacted.
/// </summary>
/// <example>
/// <code>
/// await using var gh = await FakeGitHubServer.StartAsync();
/// var octocat = gh.AddUser("octocat", name: "The Octocat").WithEmail("octocat@example.com");
/// services.AddStudioAuth(o => { o.Type = "github"; o.JwtSecret = secret; })
///     .AddGitHub(o => o.UseFakeGitHub(gh, "http://127.0.0.1:8081/api/auth/callback"));
/// var result = await gh.RunSignInAsync(provider.GetRequiredService&lt;LoginFlow&gt;());
/// </code>
/// </example>
public sealed class FakeGitHubServer : IAsyncDisposable
{
    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_secret", "code", "code_verifier", "state", "access_token", "refresh_token",
    };

    private readonly WebApplication _app;
    private readonly FakeGitHubState _state;
    private readonly FakeOAuthEndpoints _oauth;
    private readonly FakeRestEndpoints _rest;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _requestsLock = new();
    private readonly List<FakeGitHubRequest> _requests = [];
    private readonly HttpClient _browser;

    private FakeGitHubServer(WebApplication app, FakeGitHubServerOptions options, string baseUrl)
    {
        _app = app;
        Options = options;
        BaseUrl = baseUrl;
        _state = new FakeGitHubState(baseUrl);
        _oauth = new FakeOAuthEndpoints(options, _state);
        _rest = new FakeRestEndpoints(options, _state, baseUrl);
        _browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The web root, <c>http://127.0.0.1:{port}</c>: the value for <c>base_url</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The REST root, <see cref="BaseUrl"/> + <c>/api/v3</c>: the value for <c>api_url</c>.</summary>
    public string ApiUrl => BaseUrl + FakeRestEndpoints.Prefix;

    /// <summary>The OAuth App's client ID (<c>client_id</c>).</summary>
    public string ClientId => Options.ClientId;

    /// <summary>The OAuth App's client secret (<c>client_secret</c>).</summary>
    public string ClientSecret => Options.ClientSecret;

    /// <summary>The settings the server was started with.</summary>
    public FakeGitHubServerOptions Options { get; }

    /// <summary>The failure script: <c>gh.Failures.Once(FakeGitHubEndpoint.AccessToken, FakeGitHubFailure.OAuth("bad_verification_code"))</c>.</summary>
    public FakeGitHubFailures Failures { get; } = new();

    /// <summary>Every account added so far.</summary>
    public IReadOnlyList<FakeGitHubUser> Users => _state.Users;

    /// <summary>
    /// The account the sign-in page approves (as if it were signed in to GitHub in the browser). Defaults to the first
    /// user added; set <see langword="null"/> to have the page answer "not signed in".
    /// </summary>
    public FakeGitHubUser? SignedInUser
    {
        get => _state.SignedIn;
        set => _state.SignedIn = value;
    }

    /// <summary>Every request received so far, oldest first, with secrets redacted.</summary>
    public IReadOnlyList<FakeGitHubRequest> Requests
    {
        get
        {
            lock (_requestsLock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server on <c>127.0.0.1</c> with a random free port.</summary>
    public static async Task<FakeGitHubServer> StartAsync(FakeGitHubServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeGitHubServerOptions();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeGitHubServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        FakeGitHubServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server = new FakeGitHubServer(app, options, address.TrimEnd('/'));
        return server;
    }

    /// <summary>Adds an account.</summary>
    /// <param name="login">The login.</param>
    /// <param name="id">The numeric id; by default the next free one from 1001.</param>
    /// <param name="name">The display name, or <see langword="null"/> for none.</param>
    public FakeGitHubUser AddUser(string login, long? id = null, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(login);
        return _state.AddUser(login, id, name);
    }

    /// <summary>Invalidates every access token issued so far (the REST endpoints then answer 401).</summary>
    public void RevokeAccessTokens() => _state.RevokeTokens();

    /// <summary>The account an access token belongs to, or null (for tests of <c>GitHubAuthEvents.OnSigningIn</c>).</summary>
    public FakeGitHubUser? FindUserByAccessToken(string accessToken) => _state.FindToken(accessToken)?.User;

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests()
    {
        lock (_requestsLock)
        {
            _requests.Clear();
        }
    }

    /// <summary>
    /// Plays the browser on the sign-in page: opens <paramref name="signInUrl"/> (clicking <b>Authorize</b> in
    /// <see cref="FakeGitHubAuthorizeMode.ConsentPage"/> mode) and returns where GitHub redirected to.
    /// </summary>
    /// <exception cref="InvalidOperationException">The page did not redirect (unknown client_id, no signed-in user, ...).</exception>
    public async Task<FakeGitHubAuthorization> AuthorizeAsync(Uri signInUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signInUrl);
        using var response = await _browser.GetAsync(signInUrl, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var fields = System.Web.HttpUtility.ParseQueryString(signInUrl.Query);
            var form = fields.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => fields[k] ?? string.Empty);
            form["authorize"] = "1";
            using var content = new FormUrlEncodedContent(form);
            using var consent = await _browser.PostAsync(new Uri(signInUrl, "/login/oauth/authorize"), content, cancellationToken).ConfigureAwait(false);
            return ReadRedirect(consent);
        }

        return ReadRedirect(response);
    }

    /// <summary>
    /// Runs a whole sign-in through <paramref name="flow"/> against this server, as a browser would: begin, the
    /// sign-in page (<see cref="AuthorizeAsync"/>), then the callback with the browser-binding value.
    /// </summary>
    public async Task<SignInResult> RunSignInAsync(LoginFlow flow, string? returnPath = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var start = await flow.BeginAsync(returnPath, cancellationToken).ConfigureAwait(false);
        if (!start.Succeeded)
        {
            throw new InvalidOperationException("The sign-in could not start: " + start.FailureReason);
        }

        var authorization = await AuthorizeAsync(start.LoginUrl, cancellationToken).ConfigureAwait(false);
        return await flow.CompleteAsync(new SignInCallback(authorization.Code, authorization.State, start.BrowserBinding, authorization.Error), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An <c>auth.yaml</c> that signs in through this server: <c>type: github</c> with every value of the <c>github:</c>
    /// block pointing here.
    /// </summary>
    /// <param name="callbackUrl">The host's callback URL (<c>http://127.0.0.1:{port}/api/auth/callback</c>).</param>
    /// <param name="jwtSecret">The session-token secret (at least 32 random bytes).</param>
    /// <param name="scopes">The scopes; default <c>user:email</c>.</param>
    public string AuthYaml(string callbackUrl, string jwtSecret, IEnumerable<string>? scopes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callbackUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(jwtSecret);
        static string Q(string value) => JsonSerializer.Serialize(value); // a JSON string is a YAML double-quoted scalar
        return $"""
            type: github
            jwt_secret: {Q(jwtSecret)}
            github:
              client_id: {Q(ClientId)}
              client_secret: {Q(ClientSecret)}
              callback_url: {Q(callbackUrl)}
              scopes: [{string.Join(", ", (scopes ?? ["user:email"]).Select(Q))}]
              base_url: {Q(BaseUrl)}
              api_url: {Q(ApiUrl)}

            """;
    }

    /// <summary>Stops the server; requests held by <see cref="FakeGitHubFailure.Hang"/> or <see cref="FakeGitHubFailure.Slow"/> are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _browser.Dispose();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = Options.TimeProvider.GetUtcNow();
        var path = context.Request.Path.Value ?? "/";
        var (endpoint, segments) = Route(path);
        IReadOnlyDictionary<string, string> form = new Dictionary<string, string>();
        var failure = Failures.Take(endpoint);
        try
        {
            if (context.Request.HasFormContentType)
            {
                form = Redact((await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false)).ToDictionary(p => p.Key, p => p.Value.ToString()));
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            if (failure is { Hangs: true })
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }

            if (failure is { Delay: var delay } && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, stop.Token).ConfigureAwait(false);
            }

            if (failure is { HasAnswer: true, OAuthError: null })
            {
                await FakeAnswers.WriteScriptedAsync(context, failure).ConfigureAwait(false);
                return;
            }

            await (endpoint switch
            {
                FakeGitHubEndpoint.Authorize => _oauth.AuthorizeAsync(context, failure),
                FakeGitHubEndpoint.AccessToken => _oauth.AccessTokenAsync(context, failure),
                _ when failure?.OAuthError is { } error => FakeAnswers.WriteOAuthAsync(context, FakeAnswers.OAuthError(error, failure.OAuthErrorDescription), failure.ForceFormEncoded),
                _ when segments is not null => _rest.HandleAsync(context, endpoint, segments),
                _ => FakeAnswers.WriteMessageAsync(context, 404, "Not Found"),
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            context.Abort();
        }
        finally
        {
            Record(new FakeGitHubRequest(
                at,
                context.Request.Method,
                path,
                endpoint,
                Redact(context.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString())),
                form,
                context.Request.Headers.Accept.Count == 0 ? null : context.Request.Headers.Accept.ToString(),
                AuthorizationScheme(context.Request),
                context.Request.Headers.UserAgent.Count == 0 ? null : context.Request.Headers.UserAgent.ToString(),
                context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested ? 0 : context.Response.StatusCode,
                failure?.Description));
        }
    }

    // Returns the endpoint and, for REST paths, the segments after /api/v3.
    private static (FakeGitHubEndpoint Endpoint, string[]? Segments) Route(string path)
    {
        if (path.Equals("/login/oauth/authorize", StringComparison.OrdinalIgnoreCase))
        {
            return (FakeGitHubEndpoint.Authorize, null);
        }

        if (path.Equals("/login/oauth/access_token", StringComparison.OrdinalIgnoreCase))
        {
            return (FakeGitHubEndpoint.AccessToken, null);
        }

        if (path.StartsWith(FakeRestEndpoints.Prefix + "/", StringComparison.OrdinalIgnoreCase))
        {
            var segments = path[(FakeRestEndpoints.Prefix.Length + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
            return (FakeRestEndpoints.Classify(segments), segments);
        }

        return (FakeGitHubEndpoint.Other, null);
    }

    private void Record(FakeGitHubRequest request)
    {
        lock (_requestsLock)
        {
            _requests.Add(request);
        }
    }

    private static Dictionary<string, string> Redact(Dictionary<string, string> values)
    {
        foreach (var key in values.Keys.Where(SecretFields.Contains).ToList())
        {
            values[key] = FakeGitHubRequest.Redacted;
        }

        return values;
    }

    private static string? AuthorizationScheme(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.Length == 0 ? null : header.Split(' ', 2)[0];
    }

    private static FakeGitHubAuthorization ReadRedirect(HttpResponseMessage response)
    {
        if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location)
        {
            throw new InvalidOperationException($"The fake GitHub sign-in page answered HTTP {(int)response.StatusCode} instead of redirecting to the callback.");
        }

        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        return new FakeGitHubAuthorization(location, query["code"], query["state"], query["error"]);
    }
}
