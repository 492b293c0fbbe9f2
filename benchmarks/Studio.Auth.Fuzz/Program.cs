// Long differential fuzzing run for Studio.Auth's token validator.
//
//   dotnet run -c Release --project benchmarks/Studio.Auth.Fuzz -- [--count N] [--seed S]
//
// Defaults: 5,000,000 mutations, seed 20260101 (the test suite runs the first 200,000 of the same
// engine in every `dotnet test`). Exit code 0 when ours never threw and accepted nothing that
// Microsoft.IdentityModel's JsonWebTokenHandler (HS256 pinned, same key, skew, issuer, audience) refuses.
using System.Globalization;
using Studio.Auth.Tests.Tokens.Strict.Fuzzing;

var count = 5_000_000L;
var seed = 20260101;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--count" when i + 1 < args.Length:
            count = long.Parse(args[++i].Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            break;
        case "--seed" when i + 1 < args.Length:
            seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine("usage: Studio.Auth.Fuzz [--count N] [--seed S]");
            return 2;
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"differential fuzzing: {count:N0} mutations, seed {seed}"));
using var fuzzer = new DifferentialFuzzer(seed);
var report = fuzzer.Run(count, progress => Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture, $"  {progress.Total,12:N0} mutations, {progress.OursAccepted,10:N0} accepted, {progress.FailureCount} failures, {progress.Elapsed.TotalSeconds:F0} s")));
Console.WriteLine(report);
return report.FailureCount == 0 ? 0 : 1;
