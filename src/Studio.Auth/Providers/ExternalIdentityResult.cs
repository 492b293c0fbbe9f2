using System.Diagnostics.CodeAnalysis;

namespace Studio.Auth.Providers;

/// <summary>How a failed sign-in should be answered.</summary>
public enum SignInFailureKind
{
    /// <summary>The person or the request was refused (bad code, not on the allow-list): 401/403.</summary>
    Denied,

    /// <summary>The request itself was malformed (missing code, unknown state): 400.</summary>
    BadRequest,

    /// <summary>Something the flow depends on is down (the provider, the database): 503, try again later.</summary>
    Unavailable,
}

/// <summary>The outcome of <see cref="AuthProviderBase.ExchangeCodeAsync"/>: an identity or a reason.</summary>
public sealed class ExternalIdentityResult
{
    private ExternalIdentityResult(ExternalIdentity? identity, string? reason, SignInFailureKind kind, string? description)
    {
        Identity = identity;
        FailureReason = reason;
        FailureKind = kind;
        FailureDescription = description;
    }

    /// <summary>Whether the exchange produced an identity.</summary>
    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Succeeded => Identity is not null;

    /// <summary>The identity, on success.</summary>
    public ExternalIdentity? Identity { get; }

    /// <summary>A short snake_case reason code on failure (<c>bad_verification_code</c>, <c>github_unavailable</c>, <c>not_allowed</c>, ...).</summary>
    public string? FailureReason { get; }

    /// <summary>How the failure should be answered.</summary>
    public SignInFailureKind FailureKind { get; }

    /// <summary>A human-readable explanation without secrets, for logs and the error page.</summary>
    public string? FailureDescription { get; }

    /// <summary>A successful exchange.</summary>
    public static ExternalIdentityResult Success(ExternalIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new(identity, null, default, null);
    }

    /// <summary>A failed exchange with a reason code.</summary>
    public static ExternalIdentityResult Failure(string reason, SignInFailureKind kind = SignInFailureKind.Denied, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason, kind, description);
    }
}
