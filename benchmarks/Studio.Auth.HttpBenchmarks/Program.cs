// The end-to-end HTTP benchmark's host and WebSocket load client; benchmarks/http/run.sh drives them.
//
//   host        --mode none|studio|jwtbearer --auth-config auth.yaml [--port 5199]
//   issue-token --auth-config auth.yaml                  prints one Studio.Auth session token
//   ws-load     --url ws://127.0.0.1:5199/api/ws [--token-file token.txt] [--clients 16] [--seconds 10]
//   ws-probe    --url ws://127.0.0.1:5199/api/ws [--token-file token.txt]   prints the handshake's status (101, 401, ...)
//   pipeline    --mode none|studio|jwtbearer --auth-config auth.yaml [--token-file token.txt] [--warmup 10] [--seconds 10] [--types yes]
//               one request at a time through the host's whole pipeline in-process: ns and bytes per request
//               (--types yes: also the allocated types, sampled)
using Studio.Auth.HttpBenchmarks;

if (args.Length == 0)
{
    return Usage();
}

var options = Arguments.Parse(args.AsSpan(1));
switch (args[0])
{
    case "host":
        await using (var app = BenchmarkHost.Build(HostModes.Parse(options.Require("mode")), options.Int("port", 5199), options.Require("auth-config")))
        {
            await app.RunAsync();
        }

        return 0;

    case "issue-token":
        using (var settings = StudioAuthSettings.Load(options.Require("auth-config")))
        {
            Console.WriteLine(settings.IssueBenchmarkToken());
        }

        return 0;

    case "ws-load":
        var report = await WebSocketLoad.RunAsync(
            new Uri(options.Require("url")), options.TokenFile(), options.Int("clients", 16), TimeSpan.FromSeconds(options.Int("seconds", 10)));
        Console.WriteLine(report);
        return report.Failures == 0 ? 0 : 1;

    case "ws-probe":
        Console.WriteLine(await WebSocketLoad.ProbeAsync(new Uri(options.Require("url")), options.TokenFile()));
        return 0;

    case "pipeline":
        Console.WriteLine(await PipelineBenchmark.RunAsync(
            HostModes.Parse(options.Require("mode")), options.Require("auth-config"), options.TokenFile(),
            TimeSpan.FromSeconds(options.Int("warmup", 10)), TimeSpan.FromSeconds(options.Int("seconds", 10)), options.Flag("types")));
        return 0;

    default:
        return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("usage: host --mode none|studio|jwtbearer --auth-config FILE [--port N] | issue-token --auth-config FILE"
        + " | ws-load --url WS_URL [--token-file FILE] [--clients N] [--seconds N] | ws-probe --url WS_URL [--token-file FILE]"
        + " | pipeline --mode none|studio|jwtbearer --auth-config FILE [--token-file FILE] [--warmup N] [--seconds N] [--types yes]");
    return 2;
}
