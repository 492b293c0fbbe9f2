using Microsoft.AspNetCore.Http;
using Studio.Auth.Providers;

namespace Studio.Auth.AspNetCore.Endpoints;

/// <summary>The HTTP status of a failed sign-in.</summary>
internal static class SignInFailureStatus
{
    /// <summary>Malformed callback (missing code or state, unknown, reused, expired or other-browser state): 400.
    /// The person or the provider said no (bad code, not allowed, disabled): 403. A dependency is down: 503.</summary>
    public static int For(SignInFailureKind kind) => kind switch
    {
        SignInFailureKind.BadRequest => StatusCodes.Status400BadRequest,
        SignInFailureKind.Denied => StatusCodes.Status403Forbidden,
        SignInFailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
