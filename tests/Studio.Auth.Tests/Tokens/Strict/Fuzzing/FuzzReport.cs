using System.Globalization;
using System.Text;

namespace Studio.Auth.Tests.Tokens.Strict.Fuzzing;

/// <summary>Counts from a differential fuzzing run, and the first failures found.</summary>
internal sealed class FuzzReport
{
    private const int KeptFailures = 20;

    // Every 50th refusal is also shown to the stock handler, to measure how much stricter ours is.
    private const int RefusalSampleRate = 50;

    private readonly Dictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _acceptedByKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _stricterByReason = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];
    private long _refusals;

    public long Total { get; private set; }

    public long OursAccepted { get; private set; }

    public long BothAccepted { get; private set; }

    /// <summary>Refusals that were also shown to the stock handler.</summary>
    public long RefusalsCompared { get; private set; }

    /// <summary>Of those, how many the stock handler accepted (ours is stricter).</summary>
    public long RefusedByOursAcceptedByMicrosoft { get; private set; }

    public long FailureCount { get; private set; }

    public IReadOnlyList<string> Failures => _failures;

    public TimeSpan Elapsed { get; set; }

    internal bool ShouldSampleRefusal() => _refusals % RefusalSampleRate == 0;

    internal void Record(string kind, string? reason, bool? microsoftAccepts)
    {
        Total++;
        Increment(_byKind, kind);
        if (reason is null)
        {
            OursAccepted++;
            Increment(_acceptedByKind, kind);
            if (microsoftAccepts == true)
            {
                BothAccepted++;
            }

            return;
        }

        _refusals++;
        Increment(_reasons, reason);
        if (microsoftAccepts is { } accepted)
        {
            RefusalsCompared++;
            if (accepted)
            {
                RefusedByOursAcceptedByMicrosoft++;
                Increment(_stricterByReason, reason);
            }
        }
    }

    internal void Fail(string what, string kind, string token)
    {
        FailureCount++;
        if (_failures.Count < KeptFailures)
        {
            _failures.Add($"{what} [{kind}] {token}");
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"mutations: {Total:N0} in {Elapsed.TotalSeconds:F1} s ({Total / Math.Max(Elapsed.TotalSeconds, 0.001):N0}/s)");
        text.AppendLine(CultureInfo.InvariantCulture, $"accepted by ours: {OursAccepted:N0}, of which also by JsonWebTokenHandler: {BothAccepted:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"refused by ours: {Total - OursAccepted:N0}; sampled {RefusalsCompared:N0} of them, JsonWebTokenHandler accepted {RefusedByOursAcceptedByMicrosoft:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"failures (ours threw, or accepted what the stock handler refuses): {FailureCount:N0}");
        text.AppendLine("by kind (generated / accepted by ours):");
        foreach (var (kind, count) in _byKind.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {kind,-18} {count,12:N0} {_acceptedByKind.GetValueOrDefault(kind),12:N0}");
        }

        text.AppendLine("refusals by reason:");
        foreach (var (reason, count) in _reasons.OrderByDescending(r => r.Value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {reason,-22} {count,12:N0}   (sampled, stock handler accepted: {_stricterByReason.GetValueOrDefault(reason):N0})");
        }

        foreach (var failure in _failures)
        {
            text.AppendLine("FAILURE " + failure);
        }

        return text.ToString();
    }

    private static void Increment(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
