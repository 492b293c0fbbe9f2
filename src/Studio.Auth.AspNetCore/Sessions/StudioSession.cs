using Studio.Auth.AspNetCore.Sessions;
using Studio.Auth.Tokens;

namespace Studio.Auth.AspNetCore;

/// <summary>
/// The signed-in session behind the current request: the user and, when a token was presented, its
/// id and expiry. For long-lived requests (WebSockets, server-sent events) <see cref="Ended"/> fires
/// when the token expires or is revoked (sign-out, user disabled or deleted), checked at least every second.
/// Get it with <c>HttpContext.GetStudioSession()</c>.
/// </summary>
public sealed class StudioSession
{
    private readonly TokenValidationResult? _token;
    private readonly string? _rawToken;
    private readonly StudioSessionMonitor _monitor;
    private readonly Action<IDisposable> _registerForDispose;
    private readonly Lock _gate = new();
    private SessionWatch? _watch;
    private Task? _whenEnded;

    internal StudioSession(StudioUser user, TokenValidationResult? token, string? rawToken, StudioSessionMonitor monitor, Action<IDisposable> registerForDispose)
    {
        User = user;
        _token = token;
        _rawToken = rawToken;
        _monitor = monitor;
        _registerForDispose = registerForDispose;
    }

    /// <summary>The signed-in user (the guest when authentication is off).</summary>
    public StudioUser User { get; }

    /// <summary>The token's id (<c>jti</c>); null for the guest when authentication is off.</summary>
    public string? TokenId => _token?.TokenId;

    /// <summary>When the token expires; null for the guest when authentication is off (the session never ends).</summary>
    public DateTimeOffset? ExpiresAt => _token?.ExpiresAt;

    /// <summary>
    /// Fires when the token expires or is revoked, within about a second. Watching starts on first
    /// access and stops when the request ends. Close a WebSocket with <c>1008</c> (policy violation)
    /// when it fires. Never fires for the guest when authentication is off.
    /// </summary>
    /// <remarks>
    /// Do not pass this token to <c>WebSocket.ReceiveAsync</c>: cancelling a receive aborts the socket
    /// without a close frame. Wait on it beside the receive and send the close frame yourself.
    /// </remarks>
    public CancellationToken Ended
    {
        get
        {
            if (_token is null || _rawToken is null)
            {
                return CancellationToken.None;
            }

            lock (_gate)
            {
                if (_watch is null)
                {
                    _watch = _monitor.Watch(_token, _rawToken);
                    _registerForDispose(_watch);
                }

                return _watch.Token;
            }
        }
    }

    /// <summary>A task that completes (cancelled) when <see cref="Ended"/> fires; one per session, so waiting on it often costs nothing.</summary>
    internal Task WhenEnded
    {
        get
        {
            var ended = Ended;
            lock (_gate)
            {
                return _whenEnded ??= Task.Delay(Timeout.Infinite, ended);
            }
        }
    }

    /// <summary>Why the session ended (<c>expired</c>, <c>revoked</c>, ...), or null while it lasts or is not watched.</summary>
    public string? EndReason => _watch?.Reason;

    /// <inheritdoc/>
    public override string ToString() => $"StudioSession {{ User = {User.Provider}:{User.Id}, TokenId = {TokenId} }}";
}
