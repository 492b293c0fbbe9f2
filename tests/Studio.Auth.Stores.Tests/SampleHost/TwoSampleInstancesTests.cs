using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Npgsql;
using Studio.Auth.Stores.Tests.Support;
using Studio.Auth.Testing;

namespace Studio.Auth.Stores.Tests.SampleHost;

/// <summary>
/// Several instances: two sample-host processes, A and B, on different ports sharing one PostgreSQL
/// schema and one <c>auth.yaml</c> whose GitHub is a fake in this process and whose <c>callback_url</c>
/// is on B. Both processes start once for the fixture.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TwoSampleInstancesTests
{
    private static readonly TimeSpan SignOutLimit = TimeSpan.FromSeconds(2);

    private readonly List<SampleHostProcess> _instances = [];
    private SampleHostTestFiles _files = null!;
    private FakeGitHubServer _github = null!;
    private string _schema = null!;
    private SampleHostProcess _a = null!;
    private SampleHostProcess _b = null!;

    [OneTimeSetUp]
    public async Task StartTwoInstancesAsync()
    {
        PostgreSqlTestDatabase.RequireServer();
        _schema = PostgreSqlTestDatabase.NewSchema();
        _files = new SampleHostTestFiles();
        _github = await FakeGitHubServer.StartAsync();
        int portA = SampleHostProcess.FreePort(), portB = SampleHostProcess.FreePort();
        var authYaml = _files.WriteAuthYaml(_github, new Uri($"http://127.0.0.1:{portB}"));
        var environment = new Dictionary<string, string>
        {
            // The stores' documented variable, in the environment rather than on the command line (a password).
            ["ConnectionStrings__StudioAuth"] = new NpgsqlConnectionStringBuilder(PostgreSqlTestDatabase.ConnectionString) { MaxPoolSize = 10 }.ConnectionString,
        };
        string[] args = ["--auth-config", authYaml, "--database", "postgres", "--postgres-schema", _schema];

        var started = new[] { ("A", portA), ("B", portB) }.Select(i => SampleHostProcess.StartAsync(i.Item1, i.Item2, args, environment)).ToList();
        try
        {
            await Task.WhenAll(started);
        }
        finally
        {
            _instances.AddRange(started.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        (_a, _b) = (_instances[0], _instances[1]);
    }

    [OneTimeTearDown]
    public async Task StopEverythingAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (_github is not null)
        {
            await _github.DisposeAsync();
        }

        _files?.Dispose();
        if (_schema is not null)
        {
            await PostgreSqlTestDatabase.DropSchemaAsync(_schema);
        }
    }

    [TearDown]
    public void ShowOutputOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var instance in _instances)
            {
                TestContext.Out.WriteLine(instance.Output);
            }
        }
    }

    [Test]
    public async Task A_sign_in_begun_on_A_completes_on_B_and_the_user_is_stored_once()
    {
        var octocat = SignedInOnGitHub("octocat", "The Octocat");
        using var browser = new SampleBrowser();

        var token = await browser.SignInAsync(beginOn: _a, completeOn: _b, _github);

        var me = await browser.GetJsonAsync(_b, "/api/auth/me", token);
        Assert.That(me.GetProperty("id").GetString(), Is.EqualTo(octocat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(me.GetProperty("name").GetString(), Is.EqualTo("The Octocat"));
        Assert.That(
            await PostgreSqlTestDatabase.ScalarAsync($"SELECT COUNT(*) FROM \"{_schema}\".users WHERE provider = 'github' AND id = @id;", ("id", octocat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            Is.EqualTo(1L));
        Assert.That(await PostgreSqlTestDatabase.ScalarAsync($"SELECT COUNT(*) FROM \"{_schema}\".login_states;"), Is.EqualTo(0L), "B took the pending sign-in A saved");
    }

    [Test]
    public async Task A_token_issued_by_B_works_on_A_for_me_and_notes_shared_by_both()
    {
        SignedInOnGitHub("hubot", "Hubot");
        using var browser = new SampleBrowser();
        var token = await browser.SignInAsync(beginOn: _b, completeOn: _b, _github);

        var me = await browser.GetJsonAsync(_a, "/api/auth/me", token);
        using (var added = await browser.SendAsync(HttpMethod.Post, _a, "/api/notes", token, new { text = "written on A" }))
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        Assert.That(me.GetProperty("name").GetString(), Is.EqualTo("Hubot"), "A reads the profile B stored");
        Assert.That(Texts(await browser.GetJsonAsync(_a, "/api/notes", token)), Is.EqualTo(new[] { "written on A" }));
        Assert.That(Texts(await browser.GetJsonAsync(_b, "/api/notes", token)), Is.EqualTo(new[] { "written on A" }), "B reads the notes from the same database");
    }

    [Test]
    public async Task Sign_out_on_A_is_refused_by_B_within_two_seconds_on_http_and_on_a_websocket()
    {
        SignedInOnGitHub("monalisa", "Mona Lisa");
        using var browser = new SampleBrowser();
        var token = await browser.SignInAsync(beginOn: _a, completeOn: _b, _github);
        using var socket = await SampleBrowser.OpenEchoAsync(_b, token);
        Assert.That(socket.State, Is.EqualTo(WebSocketState.Open), $"B opened the socket ({socket.HttpStatusCode})");
        Assert.That(await SampleBrowser.EchoAsync(socket, "ping"), Is.EqualTo("ping"));
        Assert.That(await browser.StatusAsync(_b, "/api/notes", token), Is.EqualTo(HttpStatusCode.OK));

        using (var logout = await browser.SendAsync(HttpMethod.Post, _a, "/api/auth/logout", token))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var signedOut = Stopwatch.StartNew();
        var closing = Task.Run(async () => (Status: await SampleBrowser.ReceiveCloseAsync(socket, TimeSpan.FromSeconds(10)), After: signedOut.Elapsed));
        var refusedAfter = await Eventually.HoldsAsync(
            async () => await browser.StatusAsync(_b, "/api/notes", token) == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10),
            "B refuses the token signed out on A");
        var closed = await closing;
        using var reopened = await SampleBrowser.OpenEchoAsync(_b, token);
        TestContext.Out.WriteLine($"B refused the token on HTTP {refusedAfter.TotalMilliseconds:F0} ms and closed the socket {closed.After.TotalMilliseconds:F0} ms after the sign-out on A");

        Assert.That(refusedAfter, Is.LessThan(SignOutLimit), "HTTP on B refuses the token within 2 s");
        Assert.That(closed.Status, Is.EqualTo(WebSocketCloseStatus.PolicyViolation), "B closes the open socket with 1008");
        Assert.That(closed.After, Is.LessThan(SignOutLimit), "B closes the open socket within 2 s");
        Assert.That(reopened.HttpStatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a new socket on B is refused before the upgrade");
        Assert.That(await browser.StatusAsync(_a, "/api/notes", token), Is.EqualTo(HttpStatusCode.Unauthorized), "and A refuses it too");
    }

    private FakeGitHubUser SignedInOnGitHub(string login, string name)
    {
        var user = _github.Users.FirstOrDefault(u => u.Login == login) ?? _github.AddUser(login, name: name).WithEmail($"{login}@example.com");
        _github.SignedInUser = user;
        return user;
    }

    private static string[] Texts(System.Text.Json.JsonElement notes) =>
        notes.EnumerateArray().Select(n => n.GetProperty("text").GetString()!).ToArray();
}
