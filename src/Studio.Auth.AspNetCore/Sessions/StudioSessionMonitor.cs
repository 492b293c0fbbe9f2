using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Studio.Auth.Tokens;

namespace Studio.Auth.AspNetCore.Sessions;

/// <summary>
/// Watches the sessions of long-lived requests. One shared ticker (every second, on the
/// <see cref="TimeProvider"/>) re-validates each watched token exactly as a new request would —
/// signature, expiry and the in-memory revocation check — and ends the session when it fails.
/// Sign-out through the logout endpoint ends the token's sessions at once.
/// </summary>
internal sealed partial class StudioSessionMonitor : IDisposable
{
    /// <summary>How often watched sessions are checked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<SessionWatch, byte> _watches = new();
    private readonly ITokenService _tokens;
    private readonly TimeProvider _time;
    private readonly ILogger<StudioSessionMonitor> _logger;
    private readonly Lock _timerGate = new();
    private ITimer? _timer;
    private int _ticking;

    public StudioSessionMonitor(ITokenService tokens, TimeProvider time, ILogger<StudioSessionMonitor> logger)
    {
        _tokens = tokens;
        _time = time;
        _logger = logger;
    }

    /// <summary>The number of sessions being watched.</summary>
    public int Count => _watches.Count;

    /// <summary>Starts watching a validated token; dispose the result when the request ends.</summary>
    public SessionWatch Watch(TokenValidationResult token, string rawToken)
    {
        var watch = new SessionWatch(this, token, rawToken);
        _watches.TryAdd(watch, 0);
        EnsureTimer();
        return watch;
    }

    /// <summary>Ends every watched session of <paramref name="tokenId"/> now (sign-out).</summary>
    public void EndToken(string tokenId, string reason)
    {
        foreach (var watch in _watches.Keys)
        {
            if (watch.TokenId == tokenId && watch.End(reason))
            {
                LogSessionEnded(_logger, reason);
            }
        }
    }

    internal void Forget(SessionWatch watch) => _watches.TryRemove(watch, out _);

    /// <summary>Checks every watched session once (the ticker's work).</summary>
    internal async Task CheckAllAsync()
    {
        var now = _time.GetUtcNow();
        foreach (var watch in _watches.Keys)
        {
            if (watch.HasEnded)
            {
                continue;
            }

            string? reason;
            if (now >= watch.ExpiresAt)
            {
                reason = TokenRejection.Expired.ToCode();
            }
            else
            {
                var result = await _tokens.ValidateAsync(watch.RawToken).ConfigureAwait(false);
                reason = result.IsValid ? null : result.ReasonCode;
            }

            if (reason is not null && watch.End(reason))
            {
                LogSessionEnded(_logger, reason);
            }
        }
    }

    public void Dispose()
    {
        lock (_timerGate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void EnsureTimer()
    {
        if (_timer is not null)
        {
            return;
        }

        lock (_timerGate)
        {
            _timer ??= _time.CreateTimer(static state => ((StudioSessionMonitor)state!).OnTick(), this, Interval, Interval);
        }
    }

    private void OnTick()
    {
        if (_watches.IsEmpty || Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        _ = TickAsync();
    }

    private async Task TickAsync()
    {
        try
        {
            await CheckAllAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogCheckFailed(_logger, ex.GetType().Name);
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Session ended: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Error, "Session check failed with {ExceptionType}; retrying on the next tick")]
    private static partial void LogCheckFailed(ILogger logger, string exceptionType);
}
