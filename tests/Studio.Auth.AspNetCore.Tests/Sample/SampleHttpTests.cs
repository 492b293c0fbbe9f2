using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Studio.Auth.AspNetCore.Tests.Infrastructure;
using Studio.Auth.AspNetCore.Tests.WebSockets;

namespace Studio.Auth.AspNetCore.Tests.Sample;

public class SampleHttpTests
{
    [Test]
    public async Task Without_a_config_the_sample_runs_with_auth_off_as_the_guest()
    {
        await using var sample = await RunningSample.StartAsync();
        using var client = sample.CreateClient();
        var type = await client.GetFromJsonAsync<JsonElement>("/api/auth/type");
        Assert.That(type.GetProperty("type").GetString(), Is.EqualTo("none"));
        using var added = await client.PostAsJsonAsync("/api/notes", new { text = "guest note" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var notes = await client.GetFromJsonAsync<JsonElement>("/api/notes");
        Assert.That(notes.EnumerateArray().Select(n => n.GetProperty("text").GetString()), Is.EqualTo(new[] { "guest note" }));
        var page = await client.GetStringAsync("/");
        Assert.That(page, Does.Contain("Sign in with GitHub"));
    }

    [Test]
    public async Task In_demo_mode_each_user_sees_only_their_own_notes_whatever_the_query_or_body_says()
    {
        await using var sample = await RunningSample.StartAsync("--demo");
        var other = sample.FakeGitHub.AddUser("hubot", id: 9001, name: "Hubot");
        var octocat = await SignInAsync(sample);
        sample.FakeGitHub.SignedInUser = other;
        var hubot = await SignInAsync(sample);

        using (var add = Authorized(HttpMethod.Post, "/api/notes", octocat.Token, new { text = "octocat's secret", user_id = "9001", owner = "github:9001" }))
        {
            Assert.That((await octocat.Client.SendAsync(add)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using (var add = Authorized(HttpMethod.Post, "/api/notes", hubot.Token, new { text = "hubot's note" }))
        {
            (await hubot.Client.SendAsync(add)).Dispose();
        }

        Assert.That(await NotesAsync(octocat, "/api/notes"), Is.EqualTo(new[] { "octocat's secret" }));
        Assert.That(await NotesAsync(hubot, "/api/notes"), Is.EqualTo(new[] { "hubot's note" }));
        Assert.That(await NotesAsync(hubot, "/api/notes?user_id=583231&owner=github:583231"), Is.EqualTo(new[] { "hubot's note" }));
    }

    [Test]
    public async Task In_demo_mode_sign_in_reaches_the_fake_github_and_the_echo_socket_closes_on_sign_out()
    {
        await using var sample = await RunningSample.StartAsync("--demo");
        var signedIn = await SignInAsync(sample);
        using var me = Authorized(HttpMethod.Get, "/api/auth/me", signedIn.Token);
        var user = await (await signedIn.Client.SendAsync(me)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(user.GetProperty("id").GetString(), Is.EqualTo("583231"));
        Assert.That(user.GetProperty("name").GetString(), Is.EqualTo("The Octocat"));
        Assert.That(user.GetProperty("email").GetString(), Is.EqualTo("octocat@example.com"));
        Assert.That(user.GetProperty("avatar_url").GetString(), Does.StartWith(sample.FakeGitHub.BaseUrl));
        Assert.That(sample.FakeGitHub.Requests.Select(r => r.Path), Does.Contain("/login/oauth/access_token"));

        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", sample.BaseAddress.GetLeftPart(UriPartial.Authority));
        await socket.ConnectAsync(new Uri($"ws://{sample.BaseAddress.Authority}/api/ws/echo?token={signedIn.Token}"), CancellationToken.None);
        Assert.That(await WebSocketTests.EchoAsync(socket, "ping"), Is.EqualTo("ping"));
        using (var logout = Authorized(HttpMethod.Post, "/api/auth/logout", signedIn.Token))
        {
            (await signedIn.Client.SendAsync(logout)).Dispose();
        }

        var close = await WebSocketTests.ReceiveCloseAsync(socket);
        Assert.That(close.CloseStatus, Is.EqualTo(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation));
        using var after = Authorized(HttpMethod.Get, "/api/notes", signedIn.Token);
        Assert.That((await signedIn.Client.SendAsync(after)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task In_demo_mode_a_callback_from_another_browser_or_replayed_never_reaches_githubs_token_endpoint()
    {
        await using var sample = await RunningSample.StartAsync("--demo");
        using var victim = sample.CreateClient();
        var login = await victim.GetFromJsonAsync<JsonElement>("/api/auth/login-url");
        var authorization = await sample.FakeGitHub.AuthorizeAsync(new Uri(login.GetProperty("login_url").GetString()!));
        sample.FakeGitHub.ClearRequests();

        using var attacker = sample.CreateClient();
        using var stolen = await attacker.GetAsync(authorization.RedirectUri.PathAndQuery);
        Assert.That(stolen.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(TokenEndpointCalls(sample), Is.Zero, "another browser's callback");

        using var forged = await victim.GetAsync($"/api/auth/callback?code={authorization.Code}&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(TokenEndpointCalls(sample), Is.Zero, "a forged state");

        // The stolen callback used the state up, so the victim starts again; then replays the good callback.
        login = await victim.GetFromJsonAsync<JsonElement>("/api/auth/login-url");
        authorization = await sample.FakeGitHub.AuthorizeAsync(new Uri(login.GetProperty("login_url").GetString()!));
        using var first = await victim.GetAsync(authorization.RedirectUri.PathAndQuery);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var replay = await victim.GetAsync(authorization.RedirectUri.PathAndQuery);
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(TokenEndpointCalls(sample), Is.EqualTo(1), "only the real callback exchanged the code");
    }

    [Test]
    public void A_missing_config_named_by_the_environment_exits_non_zero_with_the_loaders_message()
    {
        var (exitCode, output) = RunSample([], new Dictionary<string, string> { ["AUTOGENSTUDIO_AUTH_CONFIG"] = "/nonexistent/from-env.yaml" });
        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(output, Does.Contain("/nonexistent/from-env.yaml").And.Contain("file not found"));
        Assert.That(output, Does.Not.Contain("   at "));
    }

    [TestCase("--auth-config", "/nonexistent/auth.yaml", "file not found")]
    [TestCase("--auth-config", "", "needs a path")]
    public void A_missing_or_invalid_config_exits_non_zero_with_the_loaders_message_and_no_stack_trace(string option, string path, string expected)
    {
        var (exitCode, output) = RunSample(path.Length == 0 ? [option] : [option, path]);
        Assert.That(exitCode, Is.Not.Zero);
        Assert.That(output, Does.Contain("Studio.Auth configuration").And.Contain(expected));
        Assert.That(output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void An_invalid_config_file_exits_non_zero_listing_every_problem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"studio-auth-sample-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "type: github\njwt_secret: short\ngithub:\n  client_id: x\n");
        try
        {
            var (exitCode, output) = RunSample(["--auth-config", path]);
            Assert.That(exitCode, Is.Not.Zero);
            Assert.That(output, Does.Contain(path + ":2:1: jwt_secret"));
            Assert.That(output, Does.Contain("github.client_secret"));
            Assert.That(output, Does.Not.Contain("   at "));
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static async Task<SignedIn> SignInAsync(RunningSample sample)
    {
        var cookies = new CookieContainer();
        var client = sample.CreateClient(cookies);
        var login = await client.GetFromJsonAsync<JsonElement>("/api/auth/login-url");
        var authorization = await sample.FakeGitHub.AuthorizeAsync(new Uri(login.GetProperty("login_url").GetString()!));
        Assert.That(authorization.RedirectUri.GetLeftPart(UriPartial.Authority), Is.EqualTo(sample.BaseAddress.GetLeftPart(UriPartial.Authority)));
        using var page = await client.GetAsync(authorization.RedirectUri.PathAndQuery);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var data = SignIn.PageData(await page.Content.ReadAsStringAsync());
        return new SignedIn(client, cookies, data.GetProperty("message").GetProperty("token").GetString()!, data);
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    private static async Task<string[]> NotesAsync(SignedIn user, string path)
    {
        using var request = Authorized(HttpMethod.Get, path, user.Token);
        using var response = await user.Client.SendAsync(request);
        var notes = await response.Content.ReadFromJsonAsync<JsonElement>();
        return notes.EnumerateArray().Select(n => n.GetProperty("text").GetString()!).ToArray();
    }

    // The real entry point (Program.cs), as a process: exit code and everything it printed.
    private static int TokenEndpointCalls(RunningSample sample) =>
        sample.FakeGitHub.Requests.Count(r => r.Path == "/login/oauth/access_token");

    private static (int ExitCode, string Output) RunSample(string[] args, Dictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Studio.Auth.Sample.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment.Remove("AUTOGENSTUDIO_AUTH_CONFIG");
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the sample did not exit on a bad configuration");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
