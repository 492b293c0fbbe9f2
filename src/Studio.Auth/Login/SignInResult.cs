using System.Diagnostics.CodeAnalysis;
using Studio.Auth.Providers;
using Studio.Auth.Tokens;

namespace Studio.Auth.Login;

/// <summary>The outcome of a callback: a token for the user, or a reason the sign-in failed.</summary>
public sealed class SignInResult
{
    private SignInResult(IssuedToken? token, string returnPath, string? reason, SignInFailureKind kind, string? description)
    {
        Token = token;
        ReturnPath = returnPath;
        FailureReason = reason;
        FailureKind = kind;
        FailureDescription = description;
    }

    /// <summary>Whether the user is signed in.</summary>
    [MemberNotNullWhen(true, nameof(Token), nameof(User))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Succeeded => Token is not null;

    /// <summary>The issued session token, on success.</summary>
    public IssuedToken? Token { get; }

    /// <summary>The signed-in user, on success.</summary>
    public StudioUser? User => Token?.User;

    /// <summary>The validated local path to return to (<c>/</c> when unknown).</summary>
    public string ReturnPath { get; }

    /// <summary>The reason code on failure (<c>invalid_state</c>, <c>browser_mismatch</c>, <c>bad_verification_code</c>, ...).</summary>
    public string? FailureReason { get; }

    /// <summary>How the failure should be answered (400, 401/403, 503).</summary>
    public SignInFailureKind FailureKind { get; }

    /// <summary>A human-readable explanation without secrets.</summary>
    public string? FailureDescription { get; }

    internal static SignInResult Success(IssuedToken token, string returnPath) => new(token, returnPath, null, default, null);

    internal static SignInResult Failure(string reason, SignInFailureKind kind, string? description = null, string returnPath = ReturnPaths.Default) =>
        new(null, returnPath, reason, kind, description);
}
