using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Studio.Auth.Sample;
using Studio.Auth.Testing;

namespace Studio.Auth.AspNetCore.Tests.Sample;

/// <summary>The sample host started in-process on a free loopback port, optionally in <c>--demo</c> mode (fake GitHub).</summary>
internal sealed class RunningSample : IAsyncDisposable
{
    private RunningSample(SampleApp sample, Uri baseAddress)
    {
        Sample = sample;
        BaseAddress = baseAddress;
    }

    public SampleApp Sample { get; }

    public Uri BaseAddress { get; }

    public FakeGitHubServer FakeGitHub => Sample.Demo?.Server ?? throw new InvalidOperationException("Not started with --demo.");

    public static async Task<RunningSample> StartAsync(params string[] args)
    {
        // --demo needs the port before start (the fake GitHub must know the callback URL).
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var sample = await SampleApp.CreateAsync([.. args, "--urls", baseAddress.AbsoluteUri.TrimEnd('/')], b => b.Logging.ClearProviders());
        await sample.App.StartAsync();
        return new RunningSample(sample, baseAddress);
    }

    public HttpClient CreateClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await Sample.App.StopAsync();
        await Sample.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
