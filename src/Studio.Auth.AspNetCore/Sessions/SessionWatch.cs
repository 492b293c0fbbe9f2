using Studio.Auth.Tokens;

namespace Studio.Auth.AspNetCore.Sessions;

/// <summary>One watched session: cancelled once, with a reason, when its token stops being valid.</summary>
internal sealed class SessionWatch : IDisposable
{
    private readonly StudioSessionMonitor _monitor;
    private readonly CancellationTokenSource _ended = new();
    private string? _reason;
    private int _disposed;

    public SessionWatch(StudioSessionMonitor monitor, TokenValidationResult token, string rawToken)
    {
        _monitor = monitor;
        TokenId = token.TokenId!;
        ExpiresAt = token.ExpiresAt;
        RawToken = rawToken;
        Token = _ended.Token;
    }

    public string TokenId { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The token, kept to re-validate it exactly as a new request would. Never logged.</summary>
    public string RawToken { get; }

    public CancellationToken Token { get; }

    public string? Reason => Volatile.Read(ref _reason);

    public bool HasEnded => Reason is not null;

    /// <summary>Ends the session (first reason wins). Callbacks run on the thread pool, not on the ticker.</summary>
    public bool End(string reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, null) is not null || Volatile.Read(ref _disposed) == 1)
        {
            return false;
        }

        try
        {
            _ = _ended.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        return true;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _monitor.Forget(this);
            _ended.Dispose();
        }
    }
}
