namespace Studio.Auth.Stores.Durable;

/// <summary>
/// Caps the number of pending sign-ins a durable state store holds, without counting rows on every
/// save: the count is refreshed from the database (after purging expired states) at most every
/// 30 seconds and advanced locally in between. Unauthenticated callers can start sign-ins, so
/// without a cap they could grow the table without bound.
/// </summary>
internal sealed class PendingStateBudget(int max, TimeProvider time)
{
    private static readonly TimeSpan RecountEvery = TimeSpan.FromSeconds(30);

    private long _pending;
    private long _nextRecount;

    /// <summary>The most sign-ins that may be pending at once.</summary>
    public int Max => max;

    /// <summary>Whether no more sign-ins may be saved.</summary>
    public bool IsFull => Interlocked.Read(ref _pending) >= max;

    /// <summary>Returns true for exactly one caller once the recount interval has passed (that caller then recounts).</summary>
    public bool TryClaimRecount()
    {
        var now = time.GetUtcNow();
        var next = Interlocked.Read(ref _nextRecount);
        return now.UtcTicks >= next
            && Interlocked.CompareExchange(ref _nextRecount, now.Add(RecountEvery).UtcTicks, next) == next;
    }

    /// <summary>Sets the pending count read from the database.</summary>
    public void Recounted(long pending) => Interlocked.Exchange(ref _pending, pending);

    /// <summary>Counts one saved sign-in.</summary>
    public void Added() => Interlocked.Increment(ref _pending);

    /// <summary>Counts one taken sign-in.</summary>
    public void Taken() => Interlocked.Decrement(ref _pending);
}
