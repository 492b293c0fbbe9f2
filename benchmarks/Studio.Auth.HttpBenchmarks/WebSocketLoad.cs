using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;

namespace Studio.Auth.HttpBenchmarks;

/// <summary>
/// WebSocket upgrades per second (wrk cannot do them): <c>clients</c> loops, each opening a WebSocket
/// (a new TCP connection and handshake, with <c>?token=</c> when given), closing it and starting over,
/// for a fixed time. Only completed open-and-close cycles count; any failed handshake is reported.
/// </summary>
internal static class WebSocketLoad
{
    public static async Task<WebSocketLoadReport> RunAsync(Uri url, string? token, int clients, TimeSpan duration)
    {
        var target = WithToken(url, token);
        using var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false };
        using var invoker = new HttpMessageInvoker(handler);
        using var stop = new CancellationTokenSource(duration);
        long upgrades = 0;
        long failures = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();

        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = new ClientWebSocket();
                try
                {
                    // Not cancelled by the deadline: a cycle in flight completes, so every count is a whole cycle.
                    await socket.ConnectAsync(target, invoker, CancellationToken.None);
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    Interlocked.Increment(ref upgrades);
                }
                catch (WebSocketException ex)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstError, ex.Message, null);
                }
            }
        }));
        await Task.WhenAll(workers);
        return new WebSocketLoadReport(upgrades, failures, clock.Elapsed, firstError);
    }

    /// <summary>The handshake's HTTP status: 101 when the upgrade was accepted, 401 when refused, ...</summary>
    public static async Task<int> ProbeAsync(Uri url, string? token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(WithToken(url, token), CancellationToken.None);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The status below says why.
        }

        return socket.HttpStatusCode == 0 ? -1 : (int)socket.HttpStatusCode;
    }

    private static Uri WithToken(Uri url, string? token) =>
        token is null ? url : new Uri($"{url.GetLeftPart(UriPartial.Path)}?token={WebUtility.UrlEncode(token)}");
}

/// <summary>One load run: completed open-and-close cycles, failed handshakes, elapsed time.</summary>
internal sealed record WebSocketLoadReport(long Upgrades, long Failures, TimeSpan Elapsed, string? FirstError)
{
    public double PerSecond => Upgrades / Elapsed.TotalSeconds;

    /// <summary>One line the script parses: <c>upgrades=... failures=... seconds=... per_second=...</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"upgrades={Upgrades} failures={Failures} seconds={Elapsed.TotalSeconds:F2} per_second={PerSecond:F1}")
        + (FirstError is null ? string.Empty : $" first_error=\"{FirstError}\"");
}
