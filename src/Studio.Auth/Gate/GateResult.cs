using System.Diagnostics.CodeAnalysis;
using Studio.Auth.Tokens;

namespace Studio.Auth.Gate;

/// <summary>The gate's decision for one request.</summary>
public sealed class GateResult
{
    private GateResult(PathAccess access, StudioUser? user, TokenValidationResult? token, string? reason, bool tokenPresented)
    {
        Access = access;
        User = user;
        Token = token;
        FailureReason = reason;
        TokenPresented = tokenPresented;
    }

    /// <summary>Whether the request may proceed.</summary>
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Allowed => FailureReason is null;

    /// <summary>How the path was classified.</summary>
    public PathAccess Access { get; }

    /// <summary>The authenticated user (or the guest when auth is off); null for exempt and unguarded paths.</summary>
    public StudioUser? User { get; }

    /// <summary>The validated token, when one was required and accepted.</summary>
    public TokenValidationResult? Token { get; }

    /// <summary>Why the request is refused (a reason code, answered with 401).</summary>
    public string? FailureReason { get; }

    /// <summary>Whether the request carried a token (for <c>WWW-Authenticate: Bearer error="invalid_token"</c>).</summary>
    public bool TokenPresented { get; }

    internal static GateResult Pass(PathAccess access) => access == PathAccess.Exempt ? ExemptResult : UnguardedResult;

    internal static GateResult Authenticated(StudioUser user, TokenValidationResult? token) => new(PathAccess.Guarded, user, token, null, token is not null);

    internal static GateResult Refused(string reason, bool tokenPresented) => new(PathAccess.Guarded, null, null, reason, tokenPresented);

    private static readonly GateResult ExemptResult = new(PathAccess.Exempt, null, null, null, false);
    private static readonly GateResult UnguardedResult = new(PathAccess.Unguarded, null, null, null, false);
}
