using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;

namespace Studio.Auth.AspNetCore.Tests.Infrastructure;

/// <summary>A completed sign-in: the browser's client (with its cookies), the token and the callback page's data.</summary>
internal sealed record SignedIn(HttpClient Client, CookieContainer Cookies, string Token, JsonElement PageData)
{
    public JsonElement User => PageData.GetProperty("message").GetProperty("user");

    public HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return request;
    }
}

/// <summary>Drives the sign-in as a browser would: login URL (cookie), then the callback with the provider's code.</summary>
internal static partial class SignIn
{
    public static async Task<SignedIn> AsAsync(TestApp app, string code = "ada", string? returnPath = null)
    {
        var cookies = new CookieContainer();
        var client = app.CreateClient(cookies);
        var state = await BeginAsync(client, returnPath).ConfigureAwait(false);
        using var page = await client.GetAsync($"/api/auth/callback?code={code}&state={state}").ConfigureAwait(false);
        var html = await page.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        var data = PageData(html);
        return new SignedIn(client, cookies, data.GetProperty("message").GetProperty("token").GetString()!, data);
    }

    /// <summary>Calls the login URL endpoint and returns the state the provider would be sent.</summary>
    public static async Task<string> BeginAsync(HttpClient client, string? returnPath = null)
    {
        var url = "/api/auth/login-url" + (returnPath is null ? string.Empty : "?return_path=" + Uri.EscapeDataString(returnPath));
        var body = await client.GetFromJsonAsync<JsonElement>(url).ConfigureAwait(false);
        var loginUrl = new Uri(body.GetProperty("login_url").GetString()!);
        return HttpUtility.ParseQueryString(loginUrl.Query)["state"]!;
    }

    /// <summary>The JSON data block of the callback page, parsed.</summary>
    public static JsonElement PageData(string html)
    {
        var match = DataBlock().Match(html);
        Assert.That(match.Success, Is.True, "the callback page has a JSON data block: " + html);
        return JsonDocument.Parse(match.Groups[1].Value).RootElement.Clone();
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"studio-auth-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();
}
