using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Studio.Auth.AspNetCore.Http;

/// <summary>
/// How auth responses look: never cached, never leaking the URL (which carries codes and states)
/// through Referer, never framed; refusals as AutoGen Studio's <c>{"status":false,"detail":"..."}</c>
/// with RFC 6750's <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal static class AuthResponses
{
    /// <summary>The policy for JSON answers: nothing may load or run.</summary>
    public const string JsonContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Sets <c>Cache-Control: no-store</c>, <c>Referrer-Policy: no-referrer</c>, <c>nosniff</c> and a Content-Security-Policy.</summary>
    public static void ApplySecurityHeaders(HttpResponse response, string contentSecurityPolicy = JsonContentSecurityPolicy)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = contentSecurityPolicy;
    }

    /// <summary>
    /// 401 with <c>WWW-Authenticate: Bearer</c>, plus <c>error="invalid_token"</c> and the reason when a
    /// token (or other credentials) was sent, and the body <c>{"status":false,"detail":reason}</c>.
    /// </summary>
    public static Task WriteUnauthorizedAsync(HttpContext context, string reason, bool tokenPresented)
    {
        reason = IsReasonCode(reason) ? reason : "invalid_token";
        context.Response.Headers.WWWAuthenticate = tokenPresented
            ? $"Bearer error=\"invalid_token\", error_description=\"{reason}\""
            : "Bearer";
        return WriteErrorAsync(context, StatusCodes.Status401Unauthorized, reason);
    }

    /// <summary>Whether <paramref name="value"/> looks like a reason code (<c>bad_signature</c>): safe in a header and a log.</summary>
    public static bool IsReasonCode(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    /// <summary>An error status with <c>{"status":false,"detail":reason}</c> and the security headers.</summary>
    public static Task WriteErrorAsync(HttpContext context, int statusCode, string reason)
    {
        context.Response.StatusCode = statusCode;
        ApplySecurityHeaders(context.Response);
        return WriteJsonAsync(context, new ErrorBody(false, reason), StudioAuthJsonContext.Default.ErrorBody);
    }

    /// <summary>Writes <paramref name="value"/> as <c>application/json; charset=utf-8</c> with the source-generated metadata.</summary>
    public static Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo) =>
        context.Response.WriteAsJsonAsync(value, typeInfo, "application/json; charset=utf-8", context.RequestAborted);

    /// <summary>The reason written for an authenticated user who lacks a role or policy.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The reason written for a WebSocket upgrade from an untrusted origin.</summary>
    public const string OriginNotAllowed = "origin_not_allowed";

    /// <summary>The reason written for a malformed auth request (bad JSON, wrong content type).</summary>
    public const string InvalidRequest = "invalid_request";
}
