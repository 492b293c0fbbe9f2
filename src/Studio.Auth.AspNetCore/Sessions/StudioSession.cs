using Microsoft.AspNetCore.Http;
using Studio.Auth.AspNetCore.Sessions;
using Studio.Auth.Gate;
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
    private readonly GateRequest _tokenSource;
    private readonly StudioSessionMonitor _monitor;
    private readonly HttpResponse _response;
    private SessionWatch? _watch;
    private Task? _whenEnded;

    internal StudioSession(StudioUser user, TokenValidationResult? token, GateRequest tokenSource, StudioSessionMonitor monitor, HttpResponse response)
    {
        User = user;
        _token = token;
        _tokenSource = tokenSource;
        _monitor = monitor;
        _response = response;
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
            if (Volatile.Read(ref _watch) is { } watching)
            {
                return watching.Token;
            }

            // The token text is read from the request again only here: most requests never watch their session.
            if (_token is null || RequestGate.ExtractToken(_tokenSource, out _) is not { } rawToken)
            {
                return CancellationToken.None;
            }

            var watch = _monitor.Watch(_token, rawToken);
            if (Interlocked.CompareExchange(ref _watch, watch, null) is { } first)
            {
                watch.Dispose();
                return first.Token;
            }

            _response.RegisterForDispose(watch);
            return watch.Token;
        }
    }

    /// <summary>A task that completes (cancelled) when <see cref="Ended"/> fires; one per session, so waiting on it often costs nothing.</summary>
    internal Task WhenEnded
    {
        get
        {
            if (Volatile.Read(ref _whenEnded) is { } existing)
            {
                return existing;
            }

            var created = Task.Delay(Timeout.Infinite, Ended);
            return Interlocked.CompareExchange(ref _whenEnded, created, null) ?? created;
        }
    }

    /// <summary>Why the session ended (<c>expired</c>, <c>revoked</c>, ...), or null while it lasts or is not watched.</summary>
    public string? EndReason => Volatile.Read(ref _watch)?.Reason;

    /// <inheritdoc/>
    public override string ToString() => $"StudioSession {{ User = {User.Provider}:{User.Id}, TokenId = {TokenId} }}";
}
