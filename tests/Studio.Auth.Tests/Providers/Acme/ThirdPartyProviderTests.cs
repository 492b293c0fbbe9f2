using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Auth.Gate;
using Studio.Auth.Login;
using Studio.Auth.Providers;
using Studio.Auth.Stores;
using Studio.Auth.Tests.Support;
using Studio.Auth.Tokens;
using ThirdParty.Acme;

namespace Studio.Auth.Tests.Providers.Acme;

/// <summary>
/// A provider from another assembly (ThirdParty.Acme, written against the public API only), with its
/// own options bound from its own YAML block, registered with AddProvider and signing a person in
/// through the whole flow against a real HTTP server on loopback.
/// </summary>
public class ThirdPartyProviderTests
{
    private const string CallbackUrl = "http://localhost:8081/api/auth/callback";

    private FakeAcmeServer _acme = null!;
    private TempDirectory _dir = null!;
    private HttpClient _browser = null!;

    [SetUp]
    public async Task SetUp()
    {
        _acme = await FakeAcmeServer.StartAsync();
        _dir = new TempDirectory();
        _browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
    }

    [TearDown]
    public async Task TearDown()
    {
        _browser.Dispose();
        _dir.Dispose();
        await _acme.DisposeAsync();
    }

    private string AuthYaml(string extra = "") => $"""
        type: acme
        jwt_secret: {TestSecrets.Current}
        admins: ["acme:acme-42"]
        acme:
          authority: {_acme.Authority}
          client_id: {FakeAcmeServer.ClientId}
          client_secret: {FakeAcmeServer.ClientSecret}
          callback_url: {CallbackUrl}
          scopes: [openid, profile, email]
        {extra}
        """;

    private ServiceProvider Host(string yaml)
    {
        var services = new ServiceCollection();
        services.AddStudioAuth().UseYamlFile(_dir.Write(yaml)).AddAcme();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    // The browser follows the sign-in URL; Acme redirects it to the callback with code and state.
    private async Task<Dictionary<string, string>> FollowToCallbackAsync(Uri loginUrl)
    {
        using var response = await _browser.GetAsync(loginUrl);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var location = response.Headers.Location!;
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(CallbackUrl));
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    [Test]
    public async Task A_third_party_provider_signs_a_person_in_through_the_whole_flow()
    {
        using var host = Host(AuthYaml());
        var flow = host.GetRequiredService<LoginFlow>();

        var start = await flow.BeginAsync("/teams/7");
        Assert.That(start.Succeeded, Is.True, start.FailureReason);
        Assert.That(start.LoginUrl!.GetLeftPart(UriPartial.Path), Is.EqualTo(new Uri(_acme.Authority, "authorize").AbsoluteUri));
        var sent = QueryHelpers.ParseQuery(start.LoginUrl.Query);
        Assert.That(sent["redirect_uri"].ToString(), Is.EqualTo(CallbackUrl));
        Assert.That(sent["code_challenge_method"].ToString(), Is.EqualTo("S256"));
        Assert.That(start.LoginUrl.AbsoluteUri, Does.Not.Contain(start.BrowserBinding!), "the browser binding travels only in the cookie");

        var callback = await FollowToCallbackAsync(start.LoginUrl);
        Assert.That(callback["state"], Is.EqualTo(sent["state"].ToString()));
        var result = await flow.CompleteAsync(new SignInCallback(callback["code"], callback["state"], start.BrowserBinding));

        Assert.That(result.Succeeded, Is.True, result.FailureReason + ": " + result.FailureDescription);
        Assert.That(result.ReturnPath, Is.EqualTo("/teams/7"));
        Assert.That(_acme.LastScope, Is.EqualTo("openid profile email"), "scopes come from the acme block");
        Assert.That(_acme.PkceVerified, Is.EqualTo(1), "Acme verified the PKCE verifier against the challenge");
        Assert.That(result.User, Is.EqualTo(new StudioUser("acme-42", "Ada Acme", "ada@acme.example", "https://acme.example/avatars/acme-42.png", "acme", ["user", "admin"])));

        var validated = await host.GetRequiredService<ITokenService>().ValidateAsync(result.Token!.Token);
        Assert.That(validated.IsValid, Is.True, validated.ReasonCode);
        Assert.That(validated.User!.Id, Is.EqualTo("acme-42"));
        Assert.That(validated.User.Provider, Is.EqualTo("acme"));
        Assert.That(validated.User.Roles, Is.EqualTo(new[] { "user", "admin" }));

        var stored = await host.GetRequiredService<IUserStore>().FindAsync("acme", "acme-42");
        Assert.That(stored, Is.Not.Null);
        Assert.That(stored!.User, Is.EqualTo(result.User));

        var gate = await host.GetRequiredService<RequestGate>().AuthenticateAsync(
            new GateRequest("GET", "/api/teams", "Bearer " + result.Token.Token, default, IsWebSocketUpgrade: false));
        Assert.That(gate.Allowed, Is.True, gate.FailureReason);
        Assert.That(gate.User!.Id, Is.EqualTo("acme-42"));
    }

    [Test]
    public void The_provider_block_is_bound_onto_the_providers_own_options_then_code()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth().UseYamlFile(_dir.Write(AuthYaml())).AddAcme(o => o.Scopes.Add("offline"));
        using var host = services.BuildServiceProvider();
        var options = host.GetRequiredService<IOptions<AcmeOptions>>().Value;
        Assert.That(options.Authority, Is.EqualTo(_acme.Authority.AbsoluteUri));
        Assert.That(options.ClientId, Is.EqualTo(FakeAcmeServer.ClientId));
        Assert.That(options.Scopes, Is.EqualTo(new[] { "openid", "profile", "email", "offline" }));
    }

    [Test]
    public void The_provider_knows_its_type_and_is_the_active_one()
    {
        using var host = Host(AuthYaml());
        var providers = host.GetRequiredService<AuthProviders>();
        Assert.That(providers.Types, Is.EqualTo(new[] { "acme", "none" }));
        Assert.That(providers.Active, Is.InstanceOf<AcmeAuthProvider>());
        Assert.That(host.GetRequiredService<AcmeAuthProvider>().Type, Is.EqualTo("acme"));
    }

    [Test]
    public void The_provider_reports_its_callback_url_so_hosts_trust_its_origin()
    {
        using var host = Host(AuthYaml());
        Assert.That(host.GetRequiredService<AuthProviders>().Active.CallbackUrl, Is.EqualTo(new Uri(CallbackUrl)));
    }

    [Test]
    public void The_providers_own_validation_runs_at_start_with_file_key_and_line()
    {
        var yaml = $"""
            type: acme
            jwt_secret: {TestSecrets.Current}
            acme:
              authority: http://acme.example.com
              client_id: {FakeAcmeServer.ClientId}
              callback_url: {CallbackUrl}
              scopes: []
              client_secrte: x
            """;
        using var host = Host(yaml);
        var ex = host.Refused();
        ex.HasProblem("acme.authority", 4, "must use https");
        ex.HasProblem("acme.client_secret", 3, "is required");
        ex.HasProblem("acme.scopes", 7, "must list at least one scope");
        ex.HasProblem("acme.client_secrte", 8, "did you mean 'client_secret'?");
        Assert.That(ex.Problems, Has.Count.EqualTo(4));
    }

    [Test]
    public void A_missing_provider_block_is_named()
    {
        using var host = Host($"type: acme\njwt_secret: {TestSecrets.Current}\n");
        var ex = host.Refused();
        ex.HasProblem("acme", 1, "block is missing; it is required when type is 'acme'");
        ex.HasProblem("acme.client_id", 1, "is required");
    }

    [Test]
    public async Task A_person_who_declines_at_the_provider_is_refused_without_a_code_exchange()
    {
        _acme.DenyWith = "access_denied";
        using var host = Host(AuthYaml());
        var flow = host.GetRequiredService<LoginFlow>();
        var start = await flow.BeginAsync("/");
        var callback = await FollowToCallbackAsync(start.LoginUrl!);

        var result = await flow.CompleteAsync(new SignInCallback(null, callback["state"], start.BrowserBinding, callback["error"]));
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.FailureReason, Is.EqualTo("access_denied"));
        Assert.That(result.FailureKind, Is.EqualTo(SignInFailureKind.Denied));
        Assert.That(_acme.TokenRequests, Is.Zero);
    }

    [Test]
    public async Task An_unverified_email_is_not_kept()
    {
        _acme.Person = new AcmePerson("acme-7", null, "claimed@victim.example", EmailVerified: false, "mallory");
        using var host = Host(AuthYaml());
        var flow = host.GetRequiredService<LoginFlow>();
        var start = await flow.BeginAsync(null);
        var callback = await FollowToCallbackAsync(start.LoginUrl!);
        var result = await flow.CompleteAsync(new SignInCallback(callback["code"], callback["state"], start.BrowserBinding));
        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.User!.Email, Is.Null);
        Assert.That(result.User.Name, Is.EqualTo("mallory"), "falls back to the user name");
        Assert.That(result.User.Roles, Is.EqualTo(new[] { "user" }), "only acme:acme-42 is an admin");
    }

    [Test]
    public async Task An_unreachable_provider_is_a_retryable_failure_not_an_exception()
    {
        using var host = Host(AuthYaml());
        var flow = host.GetRequiredService<LoginFlow>();
        var start = await flow.BeginAsync(null);
        var callback = await FollowToCallbackAsync(start.LoginUrl!);
        await _acme.DisposeAsync();
        _acme = await FakeAcmeServer.StartAsync(); // a different port: the configured one is now closed

        var result = await flow.CompleteAsync(new SignInCallback(callback["code"], callback["state"], start.BrowserBinding));
        Assert.That(result.FailureReason, Is.EqualTo("acme_unavailable"));
        Assert.That(result.FailureKind, Is.EqualTo(SignInFailureKind.Unavailable));
    }

    [Test]
    public async Task A_code_the_provider_rejects_is_refused()
    {
        using var host = Host(AuthYaml());
        var flow = host.GetRequiredService<LoginFlow>();
        var start = await flow.BeginAsync(null);
        var callback = await FollowToCallbackAsync(start.LoginUrl!);
        var result = await flow.CompleteAsync(new SignInCallback("not-the-code", callback["state"], start.BrowserBinding));
        Assert.That(result.FailureReason, Is.EqualTo("acme_bad_code"));
        Assert.That(result.FailureKind, Is.EqualTo(SignInFailureKind.Denied));
        Assert.That(await host.GetRequiredService<IUserStore>().FindAsync("acme", "acme-42"), Is.Null);
    }
}
