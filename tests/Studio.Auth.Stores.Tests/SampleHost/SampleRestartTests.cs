using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Studio.Auth.Testing;

namespace Studio.Auth.Stores.Tests.SampleHost;

/// <summary>
/// The sample host keeps its users in SQLite: signed in, stopped and started again on the same file,
/// the user, the notes and the sign-outs are still there and the old token still works (same
/// <c>jwt_secret</c>).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SampleRestartTests
{
    private SampleHostTestFiles _files = null!;
    private FakeGitHubServer _github = null!;
    private SampleHostProcess? _sample;

    [SetUp]
    public async Task StartFakeGitHubAsync()
    {
        _files = new SampleHostTestFiles();
        _github = await FakeGitHubServer.StartAsync();
    }

    [TearDown]
    public async Task StopEverythingAsync()
    {
        if (_sample is not null)
        {
            if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            {
                TestContext.Out.WriteLine(_sample.Output);
            }

            await _sample.DisposeAsync();
        }

        await _github.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _files.Dispose();
    }

    [Test]
    public async Task A_restarted_sample_still_has_its_users_notes_and_sign_outs_and_accepts_the_old_token()
    {
        var port = SampleHostProcess.FreePort();
        var authYaml = _files.WriteAuthYaml(_github, new Uri($"http://127.0.0.1:{port}"));
        var octocat = _github.AddUser("octocat", name: "The Octocat").WithEmail("octocat@example.com");
        var (firstArgs, environment, file) = FirstStart(authYaml);

        _sample = await SampleHostProcess.StartAsync("first", port, firstArgs, environment);
        using var browser = new SampleBrowser();
        var kept = await browser.SignInAsync(_sample, _sample, _github);
        var signedOut = await browser.SignInAsync(_sample, _sample, _github);
        (await browser.SendAsync(HttpMethod.Post, _sample, "/api/notes", kept, new { text = "survives a restart" })).Dispose();
        (await browser.SendAsync(HttpMethod.Post, _sample, "/api/auth/logout", signedOut)).Dispose();
        await _sample.StopAsync();

        Assert.That(_sample.ExitCode, Is.Zero, "the sample shut down cleanly on SIGTERM");
        Assert.That(File.Exists(file), Is.True, $"the users are in {file}");
        await using (var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = new SqliteCommand("SELECT name, email FROM users WHERE provider = 'github' AND id = $id;", connection);
            command.Parameters.AddWithValue("$id", octocat.Id.ToString(CultureInfo.InvariantCulture));
            await using var reader = await command.ExecuteReaderAsync();
            Assert.That(await reader.ReadAsync(), Is.True, "the user row is in the file");
            Assert.That((reader.GetString(0), reader.GetString(1)), Is.EqualTo(("The Octocat", "octocat@example.com")));
        }

        await _sample.DisposeAsync();
        _sample = await SampleHostProcess.StartAsync("restarted", port, ["--auth-config", authYaml, "--sqlite", file], environment);

        var me = await browser.GetJsonAsync(_sample, "/api/auth/me", kept);
        Assert.That(me.GetProperty("name").GetString(), Is.EqualTo("The Octocat"));
        var notes = await browser.GetJsonAsync(_sample, "/api/notes", kept);
        Assert.That(notes.EnumerateArray().Select(n => n.GetProperty("text").GetString()), Is.EqualTo(new[] { "survives a restart" }));
        Assert.That(await browser.StatusAsync(_sample, "/api/notes", signedOut), Is.EqualTo(HttpStatusCode.Unauthorized), "a token signed out before the restart stays refused");
    }

    // On Linux the first start uses no database setting at all, so the file lands in the app's data
    // directory ($XDG_DATA_HOME/Studio.Auth.Sample/studio-auth.db, here under the test's directory); the
    // restart names that same file with --sqlite. Elsewhere both starts name the file.
    private (string[] Args, Dictionary<string, string> Environment, string File) FirstStart(string authYaml)
    {
        if (OperatingSystem.IsLinux())
        {
            var dataHome = Path.Combine(_files.Root, "data");
            return (["--auth-config", authYaml], new() { ["XDG_DATA_HOME"] = dataHome }, Path.Combine(dataHome, "Studio.Auth.Sample", "studio-auth.db"));
        }

        var file = Path.Combine(_files.Root, "sample.db");
        return (["--auth-config", authYaml, "--sqlite", file], [], file);
    }
}
