using System.Globalization;

namespace Studio.Auth.Testing;

/// <summary>
/// A scripted answer that replaces what a <see cref="FakeGitHubServer"/> endpoint would normally say. Schedule one with
/// <see cref="FakeGitHubFailures.Once"/> or <see cref="FakeGitHubFailures.Always"/>.
/// </summary>
public sealed class FakeGitHubFailure
{
    private FakeGitHubFailure(string description)
    {
        Description = description;
    }

    /// <summary>What the failure does, for test output.</summary>
    public string Description { get; }

    internal int StatusCode { get; private init; } = 200;

    internal string? ContentType { get; private init; }

    internal string? Body { get; private init; }

    internal IReadOnlyDictionary<string, string> Headers { get; private init; } = new Dictionary<string, string>();

    /// <summary>An OAuth error (<c>error</c>, <c>error_description</c>). The code exchange answers it with HTTP 200 in the format the client asked for (JSON or form-encoded), as GitHub does; the sign-in page redirects to the callback with it.</summary>
    internal string? OAuthError { get; private init; }

    internal string? OAuthErrorDescription { get; private init; }

    internal bool ForceFormEncoded { get; private init; }

    /// <summary>Wait this long before answering (normally, or with the other parts of this failure).</summary>
    internal TimeSpan Delay { get; private init; }

    internal bool Hangs { get; private init; }

    internal bool HasAnswer => Body is not null || StatusCode != 200 || OAuthError is not null;

    /// <summary>
    /// GitHub's OAuth error answer: <c>bad_verification_code</c>, <c>incorrect_client_credentials</c>,
    /// <c>redirect_uri_mismatch</c>, <c>unverified_user_email</c>, <c>access_denied</c>, ... On the code exchange this is
    /// HTTP 200 with an <c>error</c> field (JSON when the client accepts JSON, otherwise form-encoded); on the sign-in
    /// page it is a redirect to the callback with <c>error</c> and <c>state</c>.
    /// </summary>
    public static FakeGitHubFailure OAuth(string error, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new("OAuth error " + error) { OAuthError = error, OAuthErrorDescription = description ?? DescribeOAuth(error) };
    }

    /// <summary>An OAuth error answered form-encoded (<c>error=...&amp;error_description=...</c>) with HTTP 200, whatever the client asked for.</summary>
    public static FakeGitHubFailure OAuthFormEncoded(string error, string? description = null) =>
        new("form-encoded OAuth error " + error) { OAuthError = error, OAuthErrorDescription = description ?? DescribeOAuth(error), ForceFormEncoded = true };

    /// <summary>An HTTP status with GitHub's JSON error body (<c>{"message": ...}</c>): 401, 403, 404, 500, 502, 503, ...</summary>
    public static FakeGitHubFailure Status(int statusCode, string? message = null) =>
        new("HTTP " + statusCode.ToString(CultureInfo.InvariantCulture))
        {
            StatusCode = statusCode,
            ContentType = "application/json; charset=utf-8",
            Body = Json(message ?? DescribeStatus(statusCode)),
        };

    /// <summary>HTTP 500.</summary>
    public static FakeGitHubFailure ServerError() => Status(500);

    /// <summary>The primary rate limit: HTTP 403 with <c>x-ratelimit-remaining: 0</c> and <c>x-ratelimit-reset</c>.</summary>
    public static FakeGitHubFailure RateLimited(int resetInSeconds = 60) =>
        new("primary rate limit (403)")
        {
            StatusCode = 403,
            ContentType = "application/json; charset=utf-8",
            Body = Json("API rate limit exceeded for user ID 1."),
            Headers = new Dictionary<string, string>
            {
                ["x-ratelimit-limit"] = "5000",
                ["x-ratelimit-remaining"] = "0",
                ["x-ratelimit-used"] = "5000",
                ["x-ratelimit-reset"] = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + resetInSeconds).ToString(CultureInfo.InvariantCulture),
            },
        };

    /// <summary>A secondary rate limit: HTTP 403 with <c>retry-after</c>.</summary>
    public static FakeGitHubFailure SecondaryRateLimited(int retryAfterSeconds = 60) =>
        new("secondary rate limit (403)")
        {
            StatusCode = 403,
            ContentType = "application/json; charset=utf-8",
            Body = Json("You have exceeded a secondary rate limit. Please wait a few minutes before you try again."),
            Headers = new Dictionary<string, string> { ["retry-after"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) },
        };

    /// <summary>HTTP 429 with <c>retry-after</c>.</summary>
    public static FakeGitHubFailure TooManyRequests(int retryAfterSeconds = 60) =>
        new("HTTP 429")
        {
            StatusCode = 429,
            ContentType = "application/json; charset=utf-8",
            Body = Json("Too many requests."),
            Headers = new Dictionary<string, string> { ["retry-after"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) },
        };

    /// <summary>Answers normally, but only after <paramref name="delay"/>.</summary>
    public static FakeGitHubFailure Slow(TimeSpan delay) => new($"slow ({delay.TotalSeconds} s)") { Delay = delay };

    /// <summary>Never answers: holds the request until the client gives up or the server stops.</summary>
    public static FakeGitHubFailure Hang() => new("no answer") { Hangs = true };

    /// <summary>Any answer: status, content type and body as given (bad JSON, HTML, a token answer without <c>access_token</c>, ...).</summary>
    public static FakeGitHubFailure Raw(int statusCode, string contentType, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentNullException.ThrowIfNull(body);
        return new($"raw HTTP {statusCode.ToString(CultureInfo.InvariantCulture)} {contentType}")
        {
            StatusCode = statusCode,
            ContentType = contentType,
            Body = body,
            Headers = headers ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>A JSON answer with HTTP <paramref name="statusCode"/> (for example <c>{"access_token":"x","token_type":"mac"}</c> or a user without <c>id</c>).</summary>
    public static FakeGitHubFailure JsonBody(string json, int statusCode = 200) => Raw(statusCode, "application/json; charset=utf-8", json);

    /// <inheritdoc/>
    public override string ToString() => Description;

    private static string Json(string message) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest",
        });

    private static string DescribeStatus(int status) => status switch
    {
        401 => "Bad credentials",
        403 => "Forbidden",
        404 => "Not Found",
        422 => "Validation Failed",
        500 => "Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Error",
    };

    private static string DescribeOAuth(string error) => error switch
    {
        "bad_verification_code" => "The code passed is incorrect or expired.",
        "incorrect_client_credentials" => "The client_id and/or client_secret passed are incorrect.",
        "redirect_uri_mismatch" => "The redirect_uri MUST match the registered callback URL for this application.",
        "unverified_user_email" => "The user must have a verified primary email.",
        "access_denied" => "The user has denied your application access.",
        _ => "An error occurred.",
    };
}
