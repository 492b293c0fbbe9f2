using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studio.Auth.AspNetCore.Tests.Infrastructure;
using Studio.Auth.Stores;

namespace Studio.Auth.AspNetCore.Tests.Http;

public class EndpointTests
{
    private TestApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await TestApp.StartAsync();

    [OneTimeTearDown]
    public Task Stop() => _app.DisposeAsync().AsTask();

    [Test]
    public async Task Type_answers_the_configured_type_and_exclude_paths()
    {
        using var client = _app.CreateClient();
        var body = await client.GetFromJsonAsync<JsonElement>("/api/auth/type");
        Assert.That(body.GetProperty("type").GetString(), Is.EqualTo("test"));
        Assert.That(body.GetProperty("exclude_paths").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "/api/public/*" }));
    }

    [Test]
    public async Task Login_url_answers_the_providers_url_with_a_fresh_state()
    {
        using var client = _app.CreateClient();
        var first = await client.GetFromJsonAsync<JsonElement>("/api/auth/login-url");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/auth/login-url");
        var url = first.GetProperty("login_url").GetString()!;
        Assert.That(url, Does.StartWith("https://idp.example.test/authorize?"));
        Assert.That(url, Does.Contain("code_challenge_method=S256"));
        Assert.That(url, Is.Not.EqualTo(second.GetProperty("login_url").GetString()));
    }

    [Test]
    public async Task Me_answers_the_user_with_the_avatar_from_the_user_store()
    {
        var signedIn = await SignIn.AsAsync(_app, "ada");
        using var request = signedIn.Request(HttpMethod.Get, "/api/auth/me");
        using var response = await signedIn.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var me = body.RootElement;
        Assert.That(me.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "name", "email", "avatar_url", "provider", "roles" }));
        Assert.That(me.GetProperty("id").GetString(), Is.EqualTo("1001"));
        Assert.That(me.GetProperty("name").GetString(), Is.EqualTo("Ada Lovelace"));
        Assert.That(me.GetProperty("email").GetString(), Is.EqualTo("ada@example.test"));
        Assert.That(me.GetProperty("avatar_url").GetString(), Is.EqualTo("https://avatars.example.test/1001.png"));
        Assert.That(me.GetProperty("provider").GetString(), Is.EqualTo("test"));
        Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "user" }));
        var stored = await _app.Service<IUserStore>().FindAsync("test", "1001");
        Assert.That(stored!.User.AvatarUrl, Is.EqualTo(me.GetProperty("avatar_url").GetString()));
    }

    [Test]
    public async Task Logout_revokes_the_token_so_the_same_token_then_gets_401()
    {
        var signedIn = await SignIn.AsAsync(_app, "grace");
        using (var logout = signedIn.Request(HttpMethod.Post, "/api/auth/logout"))
        using (var response = await signedIn.Client.SendAsync(logout))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.That(body.RootElement.GetProperty("status").GetBoolean(), Is.True);
        }

        using var me = signedIn.Request(HttpMethod.Get, "/api/auth/me");
        using var refused = await signedIn.Client.SendAsync(me);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(refused.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer error=\"invalid_token\", error_description=\"revoked\""));
        Assert.That(GuardedRouteTests.Detail(await refused.Content.ReadAsStringAsync()), Is.EqualTo("revoked"));
    }

    [Test]
    public async Task Logout_of_one_session_leaves_the_users_other_sessions_signed_in()
    {
        var laptop = await SignIn.AsAsync(_app, "ada");
        var phone = await SignIn.AsAsync(_app, "ada");
        using (var logout = laptop.Request(HttpMethod.Post, "/api/auth/logout"))
        {
            (await laptop.Client.SendAsync(logout)).Dispose();
        }

        using var request = phone.Request(HttpMethod.Get, "/api/auth/me");
        using var response = await phone.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_disabled_user_is_refused_on_the_very_next_request()
    {
        _app.Identities.Add("linus", new ExternalIdentity { Id = "1009", Name = "Linus", UserName = "linus" });
        var signedIn = await SignIn.AsAsync(_app, "linus");
        await _app.Service<StudioUserManager>().DisableAsync("test", "1009");
        try
        {
            using var request = signedIn.Request(HttpMethod.Get, "/api/notes");
            using var response = await signedIn.Client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

            using var client = _app.CreateClient();
            var state = await SignIn.BeginAsync(client);
            using var again = await client.GetAsync($"/api/auth/callback?code=linus&state={state}");
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }
        finally
        {
            await _app.Service<StudioUserManager>().EnableAsync("test", "1009");
        }
    }
}
