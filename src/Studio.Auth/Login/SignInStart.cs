using System.Diagnostics.CodeAnalysis;

namespace Studio.Auth.Login;

/// <summary>
/// The first half of a sign-in: where to send the browser, and the browser-binding value the host
/// must set in an HttpOnly cookie (the callback is refused without it).
/// </summary>
public sealed class SignInStart
{
    private SignInStart(Uri? loginUrl, string? browserBinding, DateTimeOffset expiresAt, string? failureReason)
    {
        LoginUrl = loginUrl;
        BrowserBinding = browserBinding;
        ExpiresAt = expiresAt;
        FailureReason = failureReason;
    }

    /// <summary>Whether the sign-in could be started.</summary>
    [MemberNotNullWhen(true, nameof(LoginUrl), nameof(BrowserBinding))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Succeeded => FailureReason is null;

    /// <summary>The provider's sign-in URL (relative for type <c>none</c>).</summary>
    public Uri? LoginUrl { get; }

    /// <summary>A random value to store in the browser (HttpOnly cookie) and present at the callback. Never log it.</summary>
    public string? BrowserBinding { get; }

    /// <summary>When the pending sign-in (and so the cookie) expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Why the sign-in could not start (<c>store_unavailable</c>), answered with 503.</summary>
    public string? FailureReason { get; }

    internal static SignInStart Started(Uri loginUrl, string browserBinding, DateTimeOffset expiresAt) => new(loginUrl, browserBinding, expiresAt, null);

    internal static SignInStart Failed(string reason) => new(null, null, default, reason);
}
