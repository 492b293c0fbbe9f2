namespace Studio.Auth.Testing;

/// <summary>
/// The failure script of a <see cref="FakeGitHubServer"/>: per endpoint, a queue of one-shot failures and an optional
/// standing one. A request takes the next one-shot failure, else the standing one, else answers normally. Thread-safe.
/// </summary>
public sealed class FakeGitHubFailures
{
    private readonly Lock _lock = new();
    private readonly Dictionary<FakeGitHubEndpoint, Queue<FakeGitHubFailure>> _once = [];
    private readonly Dictionary<FakeGitHubEndpoint, FakeGitHubFailure> _always = [];

    internal FakeGitHubFailures()
    {
    }

    /// <summary>The next request to <paramref name="endpoint"/> gets <paramref name="failure"/> (queued after earlier ones).</summary>
    public FakeGitHubFailures Once(FakeGitHubEndpoint endpoint, FakeGitHubFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        lock (_lock)
        {
            if (!_once.TryGetValue(endpoint, out var queue))
            {
                _once[endpoint] = queue = new Queue<FakeGitHubFailure>();
            }

            queue.Enqueue(failure);
        }

        return this;
    }

    /// <summary>Every request to <paramref name="endpoint"/> gets <paramref name="failure"/> until <see cref="Clear"/>.</summary>
    public FakeGitHubFailures Always(FakeGitHubEndpoint endpoint, FakeGitHubFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        lock (_lock)
        {
            _always[endpoint] = failure;
        }

        return this;
    }

    /// <summary>Removes the scripted failures of <paramref name="endpoint"/>, or of every endpoint.</summary>
    public void Clear(FakeGitHubEndpoint? endpoint = null)
    {
        lock (_lock)
        {
            if (endpoint is { } one)
            {
                _once.Remove(one);
                _always.Remove(one);
            }
            else
            {
                _once.Clear();
                _always.Clear();
            }
        }
    }

    internal FakeGitHubFailure? Take(FakeGitHubEndpoint endpoint)
    {
        lock (_lock)
        {
            if (_once.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var next))
            {
                return next;
            }

            return _always.GetValueOrDefault(endpoint);
        }
    }
}
