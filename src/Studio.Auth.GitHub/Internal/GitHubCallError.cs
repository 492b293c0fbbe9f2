using System.Globalization;
using Octokit;
using Studio.Auth.Providers;
using static Studio.Auth.GitHub.GitHubAuthenticationConstants;

namespace Studio.Auth.GitHub.Internal;

/// <summary>What went wrong with one call to GitHub.</summary>
internal enum GitHubErrorKind
{
    /// <summary>No answer within <c>timeout_seconds</c>.</summary>
    Timeout,

    /// <summary>No connection (DNS, refused, reset, TLS).</summary>
    Unreachable,

    /// <summary>A 5xx status.</summary>
    ServerError,

    /// <summary>403 with <c>x-ratelimit-remaining: 0</c> or <c>retry-after</c>, or 429.</summary>
    RateLimited,

    /// <summary>401.</summary>
    Unauthorized,

    /// <summary>403 that is not rate limiting.</summary>
    Forbidden,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>An answer that could not be read: bad JSON, wrong shape, too large, another 4xx.</summary>
    BadResponse,
}

/// <summary>A failed call: the kind, the HTTP status when there was one, and the raw answer for callers that read error bodies.</summary>
internal sealed record GitHubCallError(GitHubErrorKind Kind, int? Status = null, IResponse? Response = null, long? RetryAfterSeconds = null)
{
    /// <summary>Classifies an HTTP error answer (any status Octokit turned into an <see cref="ApiException"/>).</summary>
    public static GitHubCallError FromResponse(IResponse response, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var retryAfter = Header(response, "retry-after");
        var remaining = Header(response, "x-ratelimit-remaining");
        if (status == 429 || (status == 403 && (remaining == "0" || retryAfter is not null)))
        {
            return new(GitHubErrorKind.RateLimited, status, response, RetryAfter(retryAfter, Header(response, "x-ratelimit-reset"), now));
        }

        var kind = status switch
        {
            401 => GitHubErrorKind.Unauthorized,
            403 => GitHubErrorKind.Forbidden,
            404 => GitHubErrorKind.NotFound,
            >= 500 => GitHubErrorKind.ServerError,
            _ => GitHubErrorKind.BadResponse,
        };
        return new(kind, status, response);
    }

    /// <summary>The sign-in failure this error means for <paramref name="step"/> (for example <c>GET /user</c>).</summary>
    public ExternalIdentityResult ToFailure(string step) => Kind switch
    {
        GitHubErrorKind.Timeout => ExternalIdentityResult.Failure(Failures.Timeout, SignInFailureKind.Unavailable,
            $"GitHub did not answer {step} in time; try again shortly."),
        GitHubErrorKind.Unreachable or GitHubErrorKind.ServerError => ExternalIdentityResult.Failure(Failures.Unavailable, SignInFailureKind.Unavailable,
            $"GitHub is unavailable ({step}{StatusText}); try again shortly."),
        GitHubErrorKind.RateLimited => ExternalIdentityResult.Failure(Failures.RateLimited, SignInFailureKind.Unavailable,
            $"GitHub's rate limit is exhausted ({step}){RetryText}."),
        GitHubErrorKind.Unauthorized => ExternalIdentityResult.Failure(Failures.Unauthorized, SignInFailureKind.Denied,
            $"GitHub refused the access token it had just issued ({step}); sign in again."),
        _ => ExternalIdentityResult.Failure(Failures.BadResponse, SignInFailureKind.Unavailable,
            $"GitHub's answer to {step} could not be understood{StatusText}."),
    };

    private string StatusText => Status is { } s ? ": HTTP " + s.ToString(CultureInfo.InvariantCulture) : string.Empty;

    private string RetryText => RetryAfterSeconds is { } s ? $"; try again in {s.ToString(CultureInfo.InvariantCulture)} s" : "; try again later";

    private static string? Header(IResponse response, string name)
    {
        foreach (var (key, value) in response.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value?.Trim();
            }
        }

        return null;
    }

    private static long? RetryAfter(string? retryAfter, string? reset, DateTimeOffset now)
    {
        if (long.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }

        return long.TryParse(reset, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? Math.Max(0, epoch - now.ToUnixTimeSeconds())
            : null;
    }
}
