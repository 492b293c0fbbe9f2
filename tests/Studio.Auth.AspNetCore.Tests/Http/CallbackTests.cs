using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.AspNetCore.Tests.Infrastructure;

namespace Studio.Auth.AspNetCore.Tests.Http;

public class CallbackTests
{
    private TestApp _app = null!;
    private FakeTimeProvider _time = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _app = await TestApp.StartAsync(o => o.Time = _time);
    }

    [OneTimeTearDown]
    public Task Stop() => _app.DisposeAsync().AsTask();

    [Test]
    public async Task A_callback_without_code_or_state_is_400_and_the_provider_is_not_called()
    {
        using var client = _app.CreateClient();
        var before = _app.Identities.Exchanges;
        using var response = await client.GetAsync("/api/auth/callback");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorOf(await response.Content.ReadAsStringAsync()), Is.EqualTo("missing_state"));
        Assert.That(_app.Identities.Exchanges, Is.EqualTo(before));
    }

    [Test]
    public async Task A_callback_with_a_valid_state_but_no_code_is_400_and_the_provider_is_not_called()
    {
        using var client = _app.CreateClient();
        var state = await SignIn.BeginAsync(client);
        var before = _app.Identities.Exchanges;
        using var response = await client.GetAsync($"/api/auth/callback?state={state}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorOf(await response.Content.ReadAsStringAsync()), Is.EqualTo("missing_code"));
        Assert.That(_app.Identities.Exchanges, Is.EqualTo(before));
    }

    [TestCase("")]
    [TestCase("forged")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("<script>alert(1)</script>")]
    public async Task A_forged_state_is_400_and_the_provider_is_not_called(string state)
    {
        using var client = _app.CreateClient();
        await SignIn.BeginAsync(client);
        var before = _app.Identities.Exchanges;
        using var response = await client.GetAsync($"/api/auth/callback?code=ada&state={Uri.EscapeDataString(state)}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorOf(await response.Content.ReadAsStringAsync()), Is.AnyOf("missing_state", "invalid_state"));
        Assert.That(_app.Identities.Exchanges, Is.EqualTo(before));
    }

    [Test]
    public async Task A_replayed_state_is_400_and_the_provider_is_called_only_once()
    {
        using var client = _app.CreateClient();
        var state = await SignIn.BeginAsync(client);
        var before = _app.Identities.Exchanges;
        using var first = await client.GetAsync($"/api/auth/callback?code=ada&state={state}");
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var replay = await client.GetAsync($"/api/auth/callback?code=ada&state={state}");
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorOf(await replay.Content.ReadAsStringAsync()), Is.EqualTo("invalid_state"));
        Assert.That(_app.Identities.Exchanges, Is.EqualTo(before + 1));
    }

    [Test]
    public async Task An_expired_state_is_400_and_the_provider_is_not_called()
    {
        using var client = _app.CreateClient();
        var state = await SignIn.BeginAsync(client);
        _time.Advance(TimeSpan.FromMinutes(11));
        var before = _app.Identities.Exchanges;
        using var response = await client.GetAsync($"/api/auth/callback?code=ada&state={state}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorOf(await response.Content.ReadAsStringAsync()), Is.EqualTo("state_expired"));
        Assert.That(_app.Identities.Exchanges, Is.EqualTo(before));
    }

    [Test]
    public async Task A_state_begun_in_another_browser_is_400_and_the_provider_is_not_called()
    {
        using var victim = _app.CreateClient();
        using var attacker = _app.CreateClient();
        var attackersState = await SignIn.BeginAsync(attacker);
        await SignIn.BeginAsync(victim);
        var before = _app.Identities.Exchanges;
        using var response = await victim.GetAsync($"/api/auth/callback?code=ada&state={attackersState}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorOf(await response.Content.ReadAsStringAsync()), Is.EqualTo("browser_mismatch"));
        Assert.That(_app.Identities.Exchanges, Is.EqualTo(before));
    }

    [Test]
    public async Task A_callback_without_the_binding_cookie_is_400_and_the_provider_is_not_called()
    {
        using var browser = _app.CreateClient();
        var state = await SignIn.BeginAsync(browser);
        using var cookieless = _app.CreateClient();
        var before = _app.Identities.Exchanges;
        using var response = await cookieless.GetAsync($"/api/auth/callback?code=ada&state={state}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorOf(await response.Content.ReadAsStringAsync()), Is.EqualTo("browser_mismatch"));
        Assert.That(_app.Identities.Exchanges, Is.EqualTo(before));
    }

    [Test]
    public async Task A_code_the_provider_rejects_renders_the_error_page_with_403()
    {
        using var client = _app.CreateClient();
        var state = await SignIn.BeginAsync(client);
        using var response = await client.GetAsync($"/api/auth/callback?code=unknown&state={state}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        var data = SignIn.PageData(await response.Content.ReadAsStringAsync());
        Assert.That(data.GetProperty("message").GetProperty("type").GetString(), Is.EqualTo("auth-error"));
        Assert.That(data.GetProperty("message").GetProperty("error").GetString(), Is.EqualTo("bad_verification_code"));
        Assert.That(data.GetProperty("message").TryGetProperty("token", out _), Is.False);
    }

    [Test]
    public async Task A_provider_error_parameter_renders_the_error_page()
    {
        using var client = _app.CreateClient();
        var state = await SignIn.BeginAsync(client);
        var before = _app.Identities.Exchanges;
        using var response = await client.GetAsync($"/api/auth/callback?error=access_denied&state={state}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(ErrorOf(await response.Content.ReadAsStringAsync()), Is.EqualTo("access_denied"));
        Assert.That(_app.Identities.Exchanges, Is.EqualTo(before));
    }

    [TestCase("//evil.example")]
    [TestCase("/\\evil.example")]
    [TestCase("https://evil.example/")]
    [TestCase("http:evil.example")]
    [TestCase("javascript:alert(1)")]
    [TestCase("/%2F%2Fevil.example")]
    [TestCase("/%5Cevil.example")]
    [TestCase("/\t/evil.example")]
    [TestCase("\\\\evil.example")]
    [TestCase("evil.example")]
    public async Task An_open_redirect_payload_in_the_return_path_stays_on_our_origin(string payload)
    {
        var signedIn = await SignIn.AsAsync(_app, returnPath: payload);
        var returnPath = signedIn.PageData.GetProperty("return_path").GetString()!;
        Assert.That(returnPath, Is.EqualTo("/"));
        Assert.That(new Uri(_app.BaseAddress, returnPath).Authority, Is.EqualTo(_app.BaseAddress.Authority));
    }

    [Test]
    public async Task A_local_return_path_is_kept()
    {
        var signedIn = await SignIn.AsAsync(_app, returnPath: "/notes?tab=mine");
        Assert.That(signedIn.PageData.GetProperty("return_path").GetString(), Is.EqualTo("/notes?tab=mine"));
    }

    [Test]
    public async Task The_callback_handler_exchanges_code_and_state_for_token_and_user()
    {
        using var client = _app.CreateClient();
        var state = await SignIn.BeginAsync(client);
        using var response = await client.PostAsJsonAsync("/api/auth/callback-handler", new { code = "grace", state });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("token").GetString(), Does.StartWith("eyJ"));
        var user = body.RootElement.GetProperty("user");
        Assert.That(user.GetProperty("id").GetString(), Is.EqualTo("1002"));
        Assert.That(user.GetProperty("name").GetString(), Is.EqualTo("Grace Hopper"));
        Assert.That(user.GetProperty("provider").GetString(), Is.EqualTo("test"));
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
    }

    [Test]
    public async Task The_callback_handler_refuses_a_replayed_state_with_json()
    {
        using var client = _app.CreateClient();
        var state = await SignIn.BeginAsync(client);
        using var first = await client.PostAsJsonAsync("/api/auth/callback-handler", new { code = "grace", state });
        var before = _app.Identities.Exchanges;
        using var replay = await client.PostAsJsonAsync("/api/auth/callback-handler", new { code = "grace", state });
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(GuardedRouteTests.Detail(await replay.Content.ReadAsStringAsync()), Is.EqualTo("invalid_state"));
        Assert.That(_app.Identities.Exchanges, Is.EqualTo(before));
    }

    [Test]
    public async Task The_callback_handler_refuses_a_body_that_is_not_json()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsync("/api/auth/callback-handler", new StringContent("code=a&state=b", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(GuardedRouteTests.Detail(await response.Content.ReadAsStringAsync()), Is.EqualTo("invalid_request"));
    }

    private static string ErrorOf(string html) => SignIn.PageData(html).GetProperty("message").GetProperty("error").GetString()!;
}
