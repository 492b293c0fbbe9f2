using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Stores.Tests.Support;

namespace Studio.Auth.Stores.Tests.Sqlite;

/// <summary>A host killed with SIGKILL in the middle of a stream of sign-ins leaves a file that reopens cleanly.</summary>
[TestFixture]
public sealed class SqliteCrashTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("studio-auth-crash-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Host_killed_mid_stream_of_sign_ins_reopens_with_an_intact_file_and_every_committed_user()
    {
        var file = Path.Combine(_directory, "auth.db");
        var committed = await RunAndKillAsync(file, afterCommits: 1000);

        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            Assert.That(await ScalarAsync(connection, "PRAGMA integrity_check;"), Is.EqualTo("ok"));
            Assert.That(await ScalarAsync(connection, "PRAGMA journal_mode;"), Is.EqualTo("wal"));
            Assert.That(
                await ScalarAsync(connection, "SELECT COUNT(*) FROM users WHERE name NOT LIKE 'User ' || id || ' %' OR email <> 'u' || id || '@example.com' OR roles <> '[\"user\",\"member\"]' OR last_sign_in_at < created_at;"),
                Is.EqualTo(0L),
                "no user is half-written");
        }

        await using var host = await StoreHost.Create(b => b.UseSqliteStores(file), new FakeTimeProvider(DateTimeOffset.UtcNow)).StartAsync();
        foreach (var id in committed)
        {
            Assert.That(await host.Users.FindAsync("github", id), Is.Not.Null, $"committed user {id} survived");
        }

        Assert.That(committed, Has.Count.GreaterThanOrEqualTo(1000));
        TestContext.Out.WriteLine($"{committed.Count} sign-ins committed before SIGKILL; all present after reopening");
    }

    // Starts the crash host, waits until it reports enough committed sign-ins, kills it with SIGKILL
    // (Process.Kill on Unix) while it is still writing, and returns what it reported as committed.
    private static async Task<List<string>> RunAndKillAsync(string file, int afterCommits)
    {
        var host = BuiltPrograms.DllPath("Studio.Auth.Stores.CrashHost");
        var start = new ProcessStartInfo(BuiltPrograms.DotNet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var committed = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (committed.Count < afterCommits)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new AssertionException("The crash host exited early: " + await process.StandardError.ReadToEndAsync());
                var parts = line.Split(' ');
                if (parts[0] == "committed")
                {
                    committed.Add(parts[1]);
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.That(process.ExitCode, Is.EqualTo(137), "killed by SIGKILL (128 + 9)");
        return committed;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = new SqliteCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
