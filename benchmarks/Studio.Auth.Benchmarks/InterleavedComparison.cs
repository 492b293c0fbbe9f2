using System.Diagnostics;
using System.Globalization;

namespace Studio.Auth.Benchmarks;

/// <summary>
/// A load-tolerant cross-check of <see cref="TokenBenchmarks"/> for shared machines: the contenders
/// run in short alternating batches and each keeps its fastest batch, so a burst of load from other
/// processes slows every contender's worst batches, not one contender's whole measurement.
/// Run with <c>-- --interleaved</c>. It reports time only; allocations come from the BenchmarkDotNet run.
/// </summary>
internal static class InterleavedComparison
{
    private const int Rounds = 300;

    public static void Run()
    {
        var benchmarks = new TokenBenchmarks();
        benchmarks.Setup();
        (string Name, int Batch, Action Body)[] contenders =
        [
            ("Studio.Auth issue", 1_000, () => benchmarks.Issue()),
            ("Studio.Auth validate cold", 1_000, () => benchmarks.ValidateCold()),
            ("Studio.Auth validate cached", 20_000, () => benchmarks.ValidateCached()),
            ("JsonWebTokenHandler.ValidateTokenAsync", 1_000, () => benchmarks.JsonWebTokenHandlerValidate().GetAwaiter().GetResult()),
            ("JwtSecurityTokenHandler.ValidateToken", 1_000, () => benchmarks.JwtSecurityTokenHandlerValidate()),
        ];
        var best = new double[contenders.Length];
        Array.Fill(best, double.MaxValue);
        for (var round = 0; round < Rounds; round++)
        {
            for (var c = 0; c < contenders.Length; c++)
            {
                var (_, batch, body) = contenders[c];
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < batch; i++)
                {
                    body();
                }

                best[c] = Math.Min(best[c], clock.Elapsed.TotalNanoseconds / batch);
            }
        }

        benchmarks.Cleanup();
        var baseline = best[3];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Interleaved, best of {Rounds} batches per contender (ns per operation):"));
        Console.WriteLine("| Method | Best batch | vs JsonWebTokenHandler |");
        Console.WriteLine("|---|---:|---:|");
        for (var c = 0; c < contenders.Length; c++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {contenders[c].Name} | {best[c]:N1} ns | {baseline / best[c]:F2}x faster |"));
        }
    }
}
