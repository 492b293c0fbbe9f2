using Microsoft.Extensions.Logging;

namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// Every log line of the provider. Lines carry reason codes, HTTP statuses, steps and account ids — never a
/// token, secret, code, state or URL with a query string.
/// </summary>
internal static partial class GitHubLog
{
    /// <summary>Logs a failed call with the detail its kind allows.</summary>
    public static void Failed(ILogger logger, string step, string reason, GitHubCallError error)
    {
        if (error.Kind == GitHubErrorKind.RateLimited)
        {
            RateLimited(logger, step, error.Status ?? 0, error.RetryAfterSeconds ?? -1);
        }
        else
        {
            CallFailed(logger, step, reason, error.Status ?? 0);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "GitHub {Step} failed: {Reason} (HTTP {Status}; 0 = no answer)")]
    public static partial void CallFailed(ILogger logger, string step, string reason, int status);

    [LoggerMessage(2, LogLevel.Warning, "GitHub rate limit reached during {Step} (HTTP {Status}); retry after {RetryAfterSeconds} s (-1 = unknown)")]
    public static partial void RateLimited(ILogger logger, string step, int status, long retryAfterSeconds);

    [LoggerMessage(3, LogLevel.Warning, "GitHub refused the code exchange: {Error}")]
    public static partial void Refused(ILogger logger, string error);

    [LoggerMessage(4, LogLevel.Error, "GitHub refused the code exchange with {Error}: check client_id, client_secret and callback_url against the OAuth App's settings")]
    public static partial void Misconfigured(ILogger logger, string error);

    [LoggerMessage(5, LogLevel.Warning, "GitHub GET /user/emails answered HTTP {Status}; signing in user {UserId} without an e-mail address")]
    public static partial void EmailsUnavailable(ILogger logger, int status, long userId);

    [LoggerMessage(6, LogLevel.Warning, "GitHub membership of {Target} for user {UserId} could not be read (HTTP {Status}); treated as not a member. Check read:org and the organization's OAuth App access policy")]
    public static partial void MembershipForbidden(ILogger logger, string target, long userId, int status);

    [LoggerMessage(7, LogLevel.Information, "GitHub user {UserId} is not on the allow-lists; sign-in refused")]
    public static partial void NotAllowed(ILogger logger, long userId);

    [LoggerMessage(8, LogLevel.Information, "The host's OnSigningIn hook refused GitHub user {UserId}: {Reason}")]
    public static partial void DeniedByHost(ILogger logger, long userId, string reason);
}
