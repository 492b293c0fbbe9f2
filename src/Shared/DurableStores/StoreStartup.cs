namespace Studio.Auth.Stores.Durable;

/// <summary>
/// Runs a store's one-time start-up work (migrations, loading the revocation index) exactly once,
/// whoever asks first: the hosted service at start, or the first store call in hosts without one.
/// Concurrent callers share one attempt; after a failure, callers fail fast with the same error
/// until <c>retryDelay</c> has passed, so an unreachable database is not hammered by every request.
/// </summary>
internal sealed class StoreStartup(Func<CancellationToken, Task> initialize, TimeProvider time, TimeSpan retryDelay)
{
    private readonly Lock _lock = new();
    private volatile Task? _attempt;
    private DateTimeOffset _retryAt;

    /// <summary>Whether the work has completed successfully.</summary>
    public bool IsDone => _attempt is { IsCompletedSuccessfully: true };

    /// <summary>Completes when the work has been done; throws the failure of the current attempt otherwise.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        var attempt = _attempt;
        if (attempt is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            attempt = _attempt;
            if (attempt is null || (attempt.IsCompleted && !attempt.IsCompletedSuccessfully && time.GetUtcNow() >= _retryAt))
            {
                attempt = RunAsync();
                _attempt = attempt;
            }
        }

        return attempt.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        // Leave the caller's lock before doing any work; the attempt belongs to no single caller.
        await Task.Yield();
        try
        {
            await initialize(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            _retryAt = time.GetUtcNow() + retryDelay;
            throw;
        }
    }
}
