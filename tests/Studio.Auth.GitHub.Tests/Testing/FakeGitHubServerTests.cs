using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Login;
using Studio.Auth.Testing;

namespace Studio.Auth.GitHub.Tests.Testing;

/// <summary>The fake's own contract, spoken to with a plain HttpClient: it must refuse what GitHub refuses.</summary>
public class FakeGitHubServerTests
{
    private const string Callback = "http://127.0.0.1:8081/api/auth/callback";
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    [Test]
    public async Task Server_listens_on_loopback_with_the_api_under_api_v3()
    {
        await using var gh = await FakeGitHubServer.StartAsync();

        Assert.That(new Uri(gh.BaseUrl).Host, Is.EqualTo("127.0.0.1"));
        Assert.That(new Uri(gh.BaseUrl).Port, Is.GreaterThan(0));
        Assert.That(gh.ApiUrl, Is.EqualTo(gh.BaseUrl + "/api/v3"));
    }

    [Test]
    public async Task Code_with_correct_pkce_verifier_gets_a_bearer_token_once_only()
    {
        await using var gh = await FakeGitHubServer.StartAsync();
        gh.AddUser("octocat");
        var verifier = Pkce.CreateVerifier();
        var code = await AuthorizeAsync(gh, Pkce.ChallengeOf(verifier));

        var first = await ExchangeAsync(gh, code, verifier);
        var second = await ExchangeAsync(gh, code, verifier);

        Assert.That(first.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
        Assert.That(first.GetProperty("access_token").GetString(), Does.StartWith("gho_"));
        Assert.That(first.GetProperty("scope").GetString(), Is.EqualTo("user:email"));
        Assert.That(second.GetProperty("error").GetString(), Is.EqualTo("bad_verification_code"));
    }

    [Test]
    public async Task Pkce_verifier_mismatch_is_refused_and_uses_up_the_code()
    {
        await using var gh = await FakeGitHubServer.StartAsync();
        gh.AddUser("octocat");
        var verifier = Pkce.CreateVerifier();
        var code = await AuthorizeAsync(gh, Pkce.ChallengeOf(verifier));

        var wrong = await ExchangeAsync(gh, code, Pkce.CreateVerifier());
        var right = await ExchangeAsync(gh, code, verifier);

        Assert.That(wrong.GetProperty("error").GetString(), Is.EqualTo("bad_verification_code"));
        Assert.That(wrong.GetProperty("error_description").GetString(), Does.Contain("code_verifier"));
        Assert.That(right.GetProperty("error").GetString(), Is.EqualTo("bad_verification_code"));
    }

    [Test]
    public async Task Missing_verifier_is_refused_when_a_challenge_was_sent()
    {
        await using var gh = await FakeGitHubServer.StartAsync();
        gh.AddUser("octocat");
        var code = await AuthorizeAsync(gh, Pkce.ChallengeOf(Pkce.CreateVerifier()));

        var answer = await ExchangeAsync(gh, code, verifier: null);

        Assert.That(answer.GetProperty("error").GetString(), Is.EqualTo("bad_verification_code"));
    }

    [Test]
    public async Task Provider_exchange_with_a_wrong_verifier_is_refused_by_the_fake()
    {
        await using var gh = await FakeGitHubServer.StartAsync();
        gh.AddUser("octocat");
        var options = new GitHubAuthOptions().UseFakeGitHub(gh, Callback);
        var exchange = ExchangeFor(options);
        var code = await AuthorizeAsync(gh, Pkce.ChallengeOf(Pkce.CreateVerifier()));

        var (grant, failure) = await exchange.ExchangeAsync(code, Pkce.CreateVerifier(), CancellationToken.None);

        Assert.That(grant, Is.Null);
        Assert.That(failure!.FailureReason, Is.EqualTo("bad_verification_code"));
        Assert.That(gh.Requests.Count(r => r.Endpoint == FakeGitHubEndpoint.User), Is.Zero);
    }

    [Test]
    public async Task Expired_code_is_refused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gh = await FakeGitHubServer.StartAsync(new FakeGitHubServerOptions { TimeProvider = time });
        gh.AddUser("octocat");
        var verifier = Pkce.CreateVerifier();
        var code = await AuthorizeAsync(gh, Pkce.ChallengeOf(verifier));

        time.Advance(TimeSpan.FromMinutes(10));
        var answer = await ExchangeAsync(gh, code, verifier);

        Assert.That(answer.GetProperty("error").GetString(), Is.EqualTo("bad_verification_code"));
    }

    [Test]
    public async Task Redirect_uri_must_equal_the_one_the_code_was_issued_for()
    {
        await using var gh = await FakeGitHubServer.StartAsync();
        gh.AddUser("octocat");
        var verifier = Pkce.CreateVerifier();
        var code = await AuthorizeAsync(gh, Pkce.ChallengeOf(verifier));

        var answer = await ExchangeAsync(gh, code, verifier, redirectUri: Callback + "/");

        Assert.That(answer.GetProperty("error").GetString(), Is.EqualTo("redirect_uri_mismatch"));
    }

    [Test]
    public async Task Wrong_client_secret_is_refused_before_the_code_is_used()
    {
        await using var gh = await FakeGitHubServer.StartAsync();
        gh.AddUser("octocat");
        var verifier = Pkce.CreateVerifier();
        var code = await AuthorizeAsync(gh, Pkce.ChallengeOf(verifier));

        var wrong = await ExchangeAsync(gh, code, verifier, secret: "nope");
        var right = await ExchangeAsync(gh, code, verifier);

        Assert.That(wrong.GetProperty("error").GetString(), Is.EqualTo("incorrect_client_credentials"));
        Assert.That(right.TryGetProperty("access_token", out _), Is.True);
    }

    [Test]
    public async Task Token_answer_is_form_encoded_unless_json_is_accepted()
    {
        await using var gh = await FakeGitHubServer.StartAsync();
        gh.AddUser("octocat");
        var code = await AuthorizeAsync(gh, challenge: null);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = gh.ClientId, ["client_secret"] = gh.ClientSecret, ["code"] = code, ["redirect_uri"] = Callback,
        });

        using var response = await Http.PostAsync(new Uri(gh.BaseUrl + "/login/oauth/access_token"), content);

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/x-www-form-urlencoded"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("access_token=gho_").And.Contain("token_type=bearer"));
    }

    [Test]
    public async Task Scopes_gate_the_email_list_and_memberships_like_GitHub()
    {
        await using var gh = await FakeGitHubServer.StartAsync();
        gh.AddUser("octocat").WithEmail("o@example.com").InOrganization("acme");
        var token = await TokenAsync(gh, scope: "read:user");
        var orgToken = await TokenAsync(gh, scope: "user:email,read:org");

        Assert.That(await GetStatusAsync(gh, "/user", token), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await GetStatusAsync(gh, "/user/emails", token), Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await GetStatusAsync(gh, "/user/memberships/orgs/acme", token), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await GetStatusAsync(gh, "/user/emails", orgToken), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await GetStatusAsync(gh, "/user/memberships/orgs/acme", orgToken), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await GetStatusAsync(gh, "/user/memberships/orgs/other", orgToken), Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await GetStatusAsync(gh, "/user", "gho_not-a-token"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await GetStatusAsync(gh, "/user", null), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Recorded_requests_redact_secrets_and_keep_the_authorization_scheme()
    {
        await using var gh = await FakeGitHubServer.StartAsync();
        gh.AddUser("octocat");
        var verifier = Pkce.CreateVerifier();
        var code = await AuthorizeAsync(gh, Pkce.ChallengeOf(verifier), state: "the-state");
        var token = (await ExchangeAsync(gh, code, verifier)).GetProperty("access_token").GetString()!;
        await GetStatusAsync(gh, "/user", token);

        var requests = gh.Requests;
        var exchange = requests.Single(r => r.Endpoint == FakeGitHubEndpoint.AccessToken);
        Assert.That(exchange.Form["client_secret"], Is.EqualTo(FakeGitHubRequest.Redacted));
        Assert.That(exchange.Form["code"], Is.EqualTo(FakeGitHubRequest.Redacted));
        Assert.That(exchange.Form["code_verifier"], Is.EqualTo(FakeGitHubRequest.Redacted));
        Assert.That(exchange.Form["client_id"], Is.EqualTo(gh.ClientId));
        Assert.That(exchange.StatusCode, Is.EqualTo(200));
        Assert.That(requests.Single(r => r.Endpoint == FakeGitHubEndpoint.Authorize).Query["state"], Is.EqualTo(FakeGitHubRequest.Redacted));
        Assert.That(requests.Single(r => r.Endpoint == FakeGitHubEndpoint.User).AuthorizationScheme, Is.EqualTo("Bearer"));
        var everything = JsonSerializer.Serialize(requests);
        Assert.That(everything, Does.Not.Contain(gh.ClientSecret).And.Not.Contain(token).And.Not.Contain(code).And.Not.Contain(verifier).And.Not.Contain("the-state"));
    }

    [Test]
    public async Task Consent_page_has_an_authorize_button_and_cancel_answers_access_denied()
    {
        await using var gh = await FakeGitHubServer.StartAsync(new FakeGitHubServerOptions { AuthorizeMode = FakeGitHubAuthorizeMode.ConsentPage });
        gh.AddUser("octocat");
        var url = AuthorizeUrl(gh, challenge: null, state: "s1");

        var page = await Http.GetStringAsync(url);
        using var cancel = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = gh.ClientId, ["redirect_uri"] = Callback, ["state"] = "s1", ["authorize"] = "0",
        });
        using var cancelled = await Http.PostAsync(new Uri(gh.BaseUrl + "/login/oauth/authorize"), cancel);

        Assert.That(page, Does.Contain("id=\"authorize\"").And.Contain(">Authorize<").And.Contain("octocat"));
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(cancelled.Headers.Location!.Query, Does.Contain("error=access_denied").And.Contain("state=s1"));
    }

    [Test]
    public async Task Unknown_client_or_no_signed_in_user_does_not_redirect()
    {
        await using var gh = await FakeGitHubServer.StartAsync();

        var noUser = Assert.ThrowsAsync<InvalidOperationException>(() => gh.AuthorizeAsync(AuthorizeUrl(gh, null)));
        gh.AddUser("octocat");
        var badClient = Assert.ThrowsAsync<InvalidOperationException>(() => gh.AuthorizeAsync(new Uri(gh.BaseUrl + "/login/oauth/authorize?client_id=other&redirect_uri=" + Uri.EscapeDataString(Callback))));

        Assert.That(noUser!.Message, Does.Contain("401"));
        Assert.That(badClient!.Message, Does.Contain("404"));
    }

    [Test]
    public async Task Required_pkce_refuses_a_sign_in_without_challenge()
    {
        await using var gh = await FakeGitHubServer.StartAsync(new FakeGitHubServerOptions { RequirePkce = true });
        gh.AddUser("octocat");

        var authorization = await gh.AuthorizeAsync(AuthorizeUrl(gh, challenge: null));

        Assert.That(authorization.Error, Is.EqualTo("invalid_request"));
        Assert.That(authorization.Code, Is.Null);
    }

    [Test]
    public async Task Scripted_failures_apply_once_or_always_until_cleared()
    {
        await using var gh = await FakeGitHubServer.StartAsync();
        gh.AddUser("octocat");
        var token = await TokenAsync(gh, "user:email");
        gh.Failures.Once(FakeGitHubEndpoint.User, FakeGitHubFailure.Status(502)).Always(FakeGitHubEndpoint.UserEmails, FakeGitHubFailure.ServerError());

        Assert.That(await GetStatusAsync(gh, "/user", token), Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(await GetStatusAsync(gh, "/user", token), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await GetStatusAsync(gh, "/user/emails", token), Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(await GetStatusAsync(gh, "/user/emails", token), Is.EqualTo(HttpStatusCode.InternalServerError));
        gh.Failures.Clear();
        Assert.That(await GetStatusAsync(gh, "/user/emails", token), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(gh.Requests.Where(r => r.Endpoint == FakeGitHubEndpoint.User).Select(r => r.Failure), Is.EqualTo(new[] { "HTTP 502", null }));
    }

    [Test]
    public async Task Disposing_releases_a_request_that_hangs()
    {
        var gh = await FakeGitHubServer.StartAsync();
        // One connection, opened before the hang: otherwise the disposal can race the connect itself, and the client then
        // reports a bare SocketException from its connection setup instead of a dropped request.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 });
        using (var warmUp = await http.GetAsync(new Uri(gh.BaseUrl + "/")))
        {
            Assert.That(warmUp.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        gh.Failures.Always(FakeGitHubEndpoint.User, FakeGitHubFailure.Hang());
        var pending = http.GetAsync(new Uri(gh.ApiUrl + "/user"));

        await gh.DisposeAsync();

        Assert.That(async () => (await pending).EnsureSuccessStatusCode(), Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public async Task Auth_yaml_points_every_github_value_at_the_fake()
    {
        await using var gh = await FakeGitHubServer.StartAsync();

        var yaml = gh.AuthYaml(Callback, "secret-secret-secret-secret-secret-1", ["user:email", "read:org"]);

        Assert.That(yaml, Does.Contain("type: github").And.Contain($"base_url: \"{gh.BaseUrl}\"").And.Contain($"api_url: \"{gh.ApiUrl}\"")
            .And.Contain($"client_secret: \"{gh.ClientSecret}\"").And.Contain("scopes: [\"user:email\", \"read:org\"]"));
    }

    private static GitHub.Internal.GitHubCodeExchange ExchangeFor(GitHubAuthOptions options)
    {
        var timeout = TimeSpan.FromSeconds(10);
        var backchannel = new GitHub.Internal.GitHubBackchannel(GitHub.Internal.GitHubEndpoints.From(options), timeout);
        return new GitHub.Internal.GitHubCodeExchange(options, backchannel, new GitHub.Internal.GitHubCaller(TimeProvider.System, timeout),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    private static Uri AuthorizeUrl(FakeGitHubServer gh, string? challenge, string state = "state-1", string scope = "user:email")
    {
        var url = $"{gh.BaseUrl}/login/oauth/authorize?client_id={gh.ClientId}&redirect_uri={Uri.EscapeDataString(Callback)}&scope={Uri.EscapeDataString(scope)}&state={state}";
        return new Uri(challenge is null ? url : url + $"&code_challenge={challenge}&code_challenge_method=S256");
    }

    private static async Task<string> AuthorizeAsync(FakeGitHubServer gh, string? challenge, string state = "state-1", string scope = "user:email")
    {
        var authorization = await gh.AuthorizeAsync(AuthorizeUrl(gh, challenge, state, scope));
        Assert.That(authorization.State, Is.EqualTo(state));
        return authorization.Code!;
    }

    private static async Task<JsonElement> ExchangeAsync(FakeGitHubServer gh, string code, string? verifier, string? secret = null, string redirectUri = Callback)
    {
        var fields = new Dictionary<string, string>
        {
            ["client_id"] = gh.ClientId,
            ["client_secret"] = secret ?? gh.ClientSecret,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
        };
        if (verifier is not null)
        {
            fields["code_verifier"] = verifier;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, gh.BaseUrl + "/login/oauth/access_token") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "GitHub answers OAuth errors with 200");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string> TokenAsync(FakeGitHubServer gh, string scope)
    {
        var verifier = Pkce.CreateVerifier();
        var code = await AuthorizeAsync(gh, Pkce.ChallengeOf(verifier), scope: scope);
        return (await ExchangeAsync(gh, code, verifier)).GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpStatusCode> GetStatusAsync(FakeGitHubServer gh, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, gh.ApiUrl + path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }
}
