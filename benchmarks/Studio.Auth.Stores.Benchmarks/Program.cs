using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Studio.Auth.Stores.Benchmarks -- --filter '*'
// PostgreSQL cases need STUDIO_AUTH_BENCH_POSTGRES (or STUDIO_AUTH_TEST_POSTGRES); without it they are skipped.
BenchmarkSwitcher.FromAssembly(typeof(Studio.Auth.Stores.Benchmarks.StoreGrowthBenchmarks).Assembly).Run(args);
