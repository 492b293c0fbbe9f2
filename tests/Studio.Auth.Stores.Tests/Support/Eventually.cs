using System.Diagnostics;

namespace Studio.Auth.Stores.Tests.Support;

/// <summary>Waits for something another process or a background loop does, with a generous limit.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; returns how long that took, or fails after <paramref name="limit"/>.</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                Assert.Fail($"Still not true after {limit.TotalSeconds} s: {what}");
            }

            await Task.Delay(10);
        }

        return watch.Elapsed;
    }
}
