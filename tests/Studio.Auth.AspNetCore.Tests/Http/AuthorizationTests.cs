using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studio.Auth.AspNetCore.Tests.Infrastructure;

namespace Studio.Auth.AspNetCore.Tests.Http;

public class AuthorizationTests
{
    private TestApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await TestApp.StartAsync(o => o.Auth = a => a.Admins.Add("1003"));

    [OneTimeTearDown]
    public Task Stop() => _app.DisposeAsync().AsTask();

    [Test]
    public async Task RequireAuthorization_outside_the_api_prefix_sees_the_studio_user()
    {
        var signedIn = await SignIn.AsAsync(_app, "ada");
        using var request = signedIn.Request(HttpMethod.Get, "/profile");
        using var response = await signedIn.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("user").GetString(), Is.EqualTo("1001"));
        Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("Ada Lovelace"), "User.Identity.Name is the display name");
    }

    [Test]
    public async Task RequireAuthorization_without_a_token_is_a_401_bearer_challenge()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/profile");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        Assert.That(GuardedRouteTests.Detail(await response.Content.ReadAsStringAsync()), Is.EqualTo("missing_token"));
    }

    [Test]
    public async Task RequireAuthorization_with_a_bad_token_is_401_invalid_token()
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/profile");
        request.Headers.Authorization = new("Bearer", "eyJhbGciOiJub25lIn0.e30.");
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer error=\"invalid_token\""));
    }

    [TestCase("/admin")]
    [TestCase("/api/admin/stats")]
    public async Task A_role_policy_refuses_a_plain_user_with_403(string path)
    {
        var signedIn = await SignIn.AsAsync(_app, "ada");
        using var request = signedIn.Request(HttpMethod.Get, path);
        using var response = await signedIn.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(GuardedRouteTests.Detail(await response.Content.ReadAsStringAsync()), Is.EqualTo("forbidden"));
    }

    [TestCase("/admin")]
    [TestCase("/api/admin/stats")]
    public async Task A_role_policy_admits_an_admin(string path)
    {
        var signedIn = await SignIn.AsAsync(_app, "root");
        using var request = signedIn.Request(HttpMethod.Get, path);
        using var response = await signedIn.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_admin_listed_in_admins_gets_the_admin_role_claim()
    {
        var signedIn = await SignIn.AsAsync(_app, "root");
        var roles = signedIn.User.GetProperty("roles").EnumerateArray().Select(r => r.GetString());
        Assert.That(roles, Does.Contain("admin").And.Contain("user"));
    }

    [Test]
    public async Task With_authentication_off_every_request_is_the_guest()
    {
        await using var app = await TestApp.StartAsync(o => o.Type = "none");
        using var client = app.CreateClient();
        var notes = await client.GetFromJsonAsync<JsonElement>("/api/notes");
        Assert.That(notes.GetProperty("user").GetString(), Is.EqualTo("guestuser@gmail.com"));
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.That(me.GetProperty("provider").GetString(), Is.EqualTo("none"));
        var profile = await client.GetFromJsonAsync<JsonElement>("/profile");
        Assert.That(profile.GetProperty("user").GetString(), Is.EqualTo("guestuser@gmail.com"));
        var type = await client.GetFromJsonAsync<JsonElement>("/api/auth/type");
        Assert.That(type.GetProperty("type").GetString(), Is.EqualTo("none"));
    }
}
