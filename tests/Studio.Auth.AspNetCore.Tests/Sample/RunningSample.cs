using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Studio.Auth.Sample;
using Studio.Auth.Testing;

namespace Studio.Auth.AspNetCore.Tests.Sample;

/// <summary>
/// The sample host started in-process on a free loopback port, optionally in <c>--demo</c> mode (fake
/// GitHub), with its users and notes in a SQLite file of its own that is deleted afterwards.
/// </summary>
internal sealed class RunningSample : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;

    private RunningSample(SampleApp sample, Uri baseAddress, DirectoryInfo directory)
    {
        Sample = sample;
        BaseAddress = baseAddress;
        _directory = directory;
    }

    public SampleApp Sample { get; }

    public Uri BaseAddress { get; }

    public FakeGitHubServer FakeGitHub => Sample.Demo?.Server ?? throw new InvalidOperationException("Not started with --demo.");

    public static async Task<RunningSample> StartAsync(params string[] args)
    {
        // --demo needs the port before start (the fake GitHub must know the callback URL).
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var directory = Directory.CreateTempSubdirectory("studio-auth-sample-");
        var database = Path.Combine(directory.FullName, "sample.db");
        var sample = await SampleApp.CreateAsync(
            [.. args, "--urls", baseAddress.AbsoluteUri.TrimEnd('/'), "--database", "sqlite", "--sqlite", database],
            b => b.Logging.ClearProviders());
        await sample.App.StartAsync();
        return new RunningSample(sample, baseAddress, directory);
    }

    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await Sample.App.StopAsync();
        await Sample.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
