// Token benchmarks: issue, validate cold, validate cached, JsonWebTokenHandler, JwtSecurityTokenHandler.
//
//   dotnet run -c Release --project benchmarks/Studio.Auth.Benchmarks
//
// Any BenchmarkDotNet arguments may follow `--` (for example `-- --filter *Cached*`).
using BenchmarkDotNet.Running;
using Studio.Auth.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(TokenBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, new ShortRunConfig());
