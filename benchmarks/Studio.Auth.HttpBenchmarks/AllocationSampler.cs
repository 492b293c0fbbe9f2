using System.Diagnostics.Tracing;

namespace Studio.Auth.HttpBenchmarks;

/// <summary>
/// Which types a measurement allocates: the runtime reports the type of the allocation that crosses each
/// ~100 KB (GC AllocationTick), so over a long run the counts are proportional to the bytes per type.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _ticks = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start() => _recording = true;

    /// <summary>The most frequent types, with their estimated bytes per request.</summary>
    public IEnumerable<string> Report(long requests, int top = 30)
    {
        _recording = false;
        lock (_ticks)
        {
            return _ticks.OrderByDescending(t => t.Value).Take(top)
                .Select(t => FormattableString.Invariant($"{t.Value * 100_000.0 / requests,8:F0} B/request  {t.Key}"))
                .ToList();
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
        {
            return;
        }

        if (eventData.Payload?[eventData.PayloadNames.IndexOf("TypeName")] is string type)
        {
            lock (_ticks)
            {
                _ticks[type] = _ticks.GetValueOrDefault(type) + 1;
            }
        }
    }
}
