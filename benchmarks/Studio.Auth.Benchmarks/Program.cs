// Token benchmarks: issue, validate cold, validate cached, JsonWebTokenHandler, JwtSecurityTokenHandler.
//
//   dotnet run -c Release --project benchmarks/Studio.Auth.Benchmarks
//
// Without arguments it runs TokenBenchmarks (the comparison). BenchmarkDotNet arguments may follow
// `--`, for example `-- --filter *Breakdown*` for where a cold validation's time goes;
// `-- --interleaved` runs the load-tolerant cross-check instead (see InterleavedComparison).
using BenchmarkDotNet.Running;
using Studio.Auth.Benchmarks;

if (args is ["--interleaved"])
{
    InterleavedComparison.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(TokenBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*TokenBenchmarks*"] : args, new ShortRunConfig());
