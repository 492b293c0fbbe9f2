using Studio.Auth.Tests.Tokens.Strict.Fuzzing;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>
/// Differential fuzzing in the normal test run (the long run is benchmarks/Studio.Auth.Fuzz):
/// 200,000 mutations of valid tokens from a fixed seed. Ours never throws, and every token ours
/// accepts is accepted by JsonWebTokenHandler pinned to HS256 with the same key, skew, issuer and audience.
/// </summary>
public class DifferentialFuzzTests
{
    private const int Seed = 20260101;
    private const int Mutations = 200_000;

    [Test]
    [CancelAfter(300_000)]
    public void Two_hundred_thousand_mutations_never_throw_and_ours_accepts_nothing_the_stock_handler_refuses()
    {
        using var fuzzer = new DifferentialFuzzer(Seed);
        var report = fuzzer.Run(Mutations);
        TestContext.Out.WriteLine(report.ToString());

        Assert.That(report.Total, Is.EqualTo(Mutations));
        Assert.That(report.FailureCount, Is.Zero, string.Join('\n', report.Failures));
        Assert.That(report.OursAccepted, Is.GreaterThan(1_000), "enough mutations stay valid for the comparison to mean something");
        Assert.That(report.BothAccepted, Is.EqualTo(report.OursAccepted));
    }
}
