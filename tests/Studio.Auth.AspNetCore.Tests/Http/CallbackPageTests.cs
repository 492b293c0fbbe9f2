using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Studio.Auth.AspNetCore.Tests.Infrastructure;

namespace Studio.Auth.AspNetCore.Tests.Http;

public partial class CallbackPageTests
{
    private const string HostileName = "O'Brien</script><script>alert(1)</script>";

    private TestApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await TestApp.StartAsync();
        _app.Identities.Add("obrien", new ExternalIdentity { Id = "2001", Name = HostileName, Email = "o\"brien@example.test", UserName = "obrien" });
    }

    [OneTimeTearDown]
    public Task Stop() => _app.DisposeAsync().AsTask();

    [Test]
    public async Task A_hostile_name_arrives_intact_in_the_data_block_and_never_as_markup()
    {
        using var client = _app.CreateClient();
        var state = await SignIn.BeginAsync(client);
        using var response = await client.GetAsync($"/api/auth/callback?code=obrien&state={state}");
        var html = await response.Content.ReadAsStringAsync();

        var user = SignIn.PageData(html).GetProperty("message").GetProperty("user");
        Assert.That(user.GetProperty("name").GetString(), Is.EqualTo(HostileName));
        Assert.That(user.GetProperty("email").GetString(), Is.EqualTo("o\"brien@example.test"));
        Assert.That(html, Does.Not.Contain("</script><script>alert(1)"));
        Assert.That(html, Does.Not.Contain("O'Brien"), "quotes are escaped too");
        Assert.That(ScriptTags().Matches(html), Has.Count.EqualTo(2), "the data block and the one static script, nothing injected");
    }

    [Test]
    public async Task The_page_posts_to_its_own_origin_never_to_any_origin()
    {
        using var client = _app.CreateClient();
        var state = await SignIn.BeginAsync(client);
        using var page = await client.GetAsync($"/api/auth/callback?code=ada&state={state}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("opener.postMessage(message, window.location.origin)"));
        Assert.That(html.Split("postMessage(").Length, Is.EqualTo(2), "one postMessage call");
        Assert.That(html, Does.Not.Contain("'*'").And.Not.Contain("\"*\""));
        Assert.That(html, Does.Contain("localStorage.setItem(data.token_storage_key, message.token)"));
        Assert.That(SignIn.PageData(html).GetProperty("token_storage_key").GetString(), Is.EqualTo("auth_token"));
    }

    [Test]
    public async Task The_page_is_not_cached_leaks_no_referrer_and_allows_only_its_own_script()
    {
        using var client = _app.CreateClient();
        var state = await SignIn.BeginAsync(client);
        using var response = await client.GetAsync($"/api/auth/callback?code=ada&state={state}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(csp, Does.StartWith("default-src 'none'"));
        Assert.That(csp, Does.Contain("frame-ancestors 'none'"));
        Assert.That(csp, Does.Not.Contain("unsafe-inline").And.Not.Contain("unsafe-eval"));

        var script = ExecutableScript().Match(html).Groups[1].Value;
        var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        Assert.That(csp, Does.Contain($"script-src '{hash}'"), "the CSP hash is the hash of the page's only script");
    }

    [Test]
    public async Task The_login_url_sets_an_httponly_lax_binding_cookie_that_is_not_secure_on_loopback_http()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/api/auth/login-url");
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.That(cookie, Does.StartWith("studio_auth_binding="));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase);
        Assert.That(cookie, Does.Contain("samesite=lax").IgnoreCase);
        Assert.That(cookie, Does.Contain("path=/").IgnoreCase);
        Assert.That(cookie, Does.Contain("expires=").IgnoreCase);
        Assert.That(cookie, Does.Not.Contain("secure").IgnoreCase);
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
    }

    [TestCase("studio.example.com")]
    [TestCase("10.0.0.5:8081")]
    public async Task The_binding_cookie_is_secure_and_host_prefixed_on_a_public_host(string host)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/login-url");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.That(cookie, Does.StartWith("__Host-studio_auth_binding="));
        Assert.That(cookie, Does.Contain("secure").IgnoreCase);
        Assert.That(cookie, Does.Contain("path=/").IgnoreCase);
        Assert.That(cookie, Does.Not.Contain("domain").IgnoreCase);
    }

    [Test]
    public async Task Auth_json_answers_carry_the_same_protective_headers()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/api/auth/type");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo("default-src 'none'; frame-ancestors 'none'"));
    }

    [GeneratedRegex("<script[ >]")]
    private static partial Regex ScriptTags();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ExecutableScript();
}
