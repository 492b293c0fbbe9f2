using System.Net.WebSockets;
using System.Text.Json.Serialization;

namespace Studio.Auth.HttpBenchmarks;

/// <summary>
/// The two endpoints every mode serves, identically: <c>GET /api/ping</c> answers a small JSON with
/// the user id (the <c>sub</c> claim; null without auth), and <c>/api/ws</c> accepts a WebSocket and closes it.
/// Outside <c>/api</c>, <c>/bench/allocated</c> tells the script how many bytes the host has allocated so far.
/// </summary>
internal static class BenchmarkEndpoints
{
    public const string PingPath = "/api/ping";
    public const string WebSocketPath = "/api/ws";
    public const string AllocatedPath = "/bench/allocated";

    public static Task PingAsync(HttpContext context) =>
        context.Response.WriteAsJsonAsync(new PingBody(true, context.User.FindFirst("sub")?.Value), BenchmarkJsonContext.Default.PingBody, contentType: null, context.RequestAborted);

    /// <summary>The bytes allocated by every thread since the host started (the script divides the difference by the requests).</summary>
    public static Task AllocatedAsync(HttpContext context) =>
        context.Response.WriteAsync(GC.GetTotalAllocatedBytes(precise: true).ToString(System.Globalization.CultureInfo.InvariantCulture), context.RequestAborted);

    public static async Task AcceptAndCloseAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
    }
}

/// <summary><c>{"status":true,"user":"583231"}</c>.</summary>
internal sealed record PingBody(bool Status, string? User);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PingBody))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
