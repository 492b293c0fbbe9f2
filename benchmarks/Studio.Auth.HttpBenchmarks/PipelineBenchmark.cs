using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Studio.Auth.HttpBenchmarks;

/// <summary>
/// The cost of one <c>GET /api/ping</c> inside the host, without sockets and HTTP parsing: the host is
/// built exactly as for the load test, but its server is <see cref="CapturingServer"/>, and one thread
/// sends requests straight into what Kestrel would call (ASP.NET Core's hosting layer, Studio.Auth's
/// server wrapper, every middleware, the endpoint). Reports time and bytes allocated per request; unlike
/// requests/s over loopback it hardly moves when other processes share the machine.
/// </summary>
internal static class PipelineBenchmark
{
    public static async Task<PipelineReport> RunAsync(HostMode mode, string authConfigPath, string? token, TimeSpan warmUp, TimeSpan duration, bool types = false)
    {
        var server = new CapturingServer();
        await using var app = BenchmarkHost.Build(mode, port: 0, authConfigPath, server);
        await app.StartAsync();
        var send = server.Send ?? throw new InvalidOperationException("The host did not start its server.");

        var status = await SendAsync(send, token);
        if (status != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException($"{mode}: GET {BenchmarkEndpoints.PingPath} answered {status}, not 200.");
        }

        await WarmUpAsync(send, token, warmUp);
        using var sampler = types ? new AllocationSampler() : null;
        sampler?.Start();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var requests = await LoopAsync(send, token, duration);
        var elapsed = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await app.StopAsync();
        foreach (var line in sampler?.Report(requests) ?? [])
        {
            Console.WriteLine(line);
        }

        return new PipelineReport(mode, requests, elapsed, allocated);
    }

    // At least the given time, then until three one-second slices in a row agree within 3% (at most 90 s):
    // a busy single thread can keep the tiered JIT from finishing for a long while (JwtBearer needs ~30 s).
    private static async Task WarmUpAsync(Func<IFeatureCollection, Task> send, string? token, TimeSpan minimum)
    {
        var clock = Stopwatch.StartNew();
        double? previous = null;
        var agreeing = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            var slice = Stopwatch.StartNew();
            var requests = await LoopAsync(send, token, TimeSpan.FromSeconds(1));
            var perRequest = slice.Elapsed.TotalNanoseconds / requests;
            agreeing = previous is { } last && Math.Abs(perRequest - last) / last < 0.03 ? agreeing + 1 : 0;
            previous = perRequest;
            if (clock.Elapsed >= minimum && agreeing >= 3)
            {
                return;
            }
        }
    }

    private static async Task<long> LoopAsync(Func<IFeatureCollection, Task> send, string? token, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        long requests = 0;
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < 1000; i++)
            {
                await SendAsync(send, token);
            }

            requests += 1000;
        }

        return requests;
    }

    // What Kestrel hands the hosting layer for one request, and the status the pipeline answered.
    private static async Task<int> SendAsync(Func<IFeatureCollection, Task> send, string? token)
    {
        var request = new HttpRequestFeature { Method = HttpMethods.Get, Scheme = "http", Protocol = "HTTP/1.1", Path = BenchmarkEndpoints.PingPath };
        request.Headers.Host = "127.0.0.1";
        if (token is not null)
        {
            request.Headers.Authorization = "Bearer " + token;
        }

        var response = new HttpResponseFeature();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        await send(features);
        return response.StatusCode;
    }
}

/// <summary>A server that listens nowhere: it keeps what the host gives it so requests can be sent in directly.</summary>
internal sealed class CapturingServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <summary>Runs one request through the host's application (create, process, dispose), as a server would.</summary>
    public Func<IFeatureCollection, Task>? Send { get; private set; }

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        Send = async features =>
        {
            var context = application.CreateContext(features);
            Exception? failure = null;
            try
            {
                await application.ProcessRequestAsync(context);
            }
            catch (Exception ex)
            {
                failure = ex;
                throw;
            }
            finally
            {
                application.DisposeContext(context, failure);
            }
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}

/// <summary>One pipeline measurement.</summary>
internal sealed record PipelineReport(HostMode Mode, long Requests, TimeSpan Elapsed, long AllocatedBytes)
{
    public double NanosecondsPerRequest => Elapsed.TotalNanoseconds / Requests;

    public double BytesPerRequest => (double)AllocatedBytes / Requests;

    /// <summary>One line the script parses: <c>mode=... ns_per_request=... bytes_per_request=...</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"mode={Mode.ToString().ToLowerInvariant()} requests={Requests} ns_per_request={NanosecondsPerRequest:F0} bytes_per_request={BytesPerRequest:F0}");
}
