using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Studio.Auth.Testing.Internal;

/// <summary>Writing GitHub-shaped answers.</summary>
internal static class FakeAnswers
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Task WriteJsonAsync(HttpContext context, object value, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value, Json), context.RequestAborted);
    }

    public static Task WriteMessageAsync(HttpContext context, int status, string message) =>
        WriteJsonAsync(context, new { Message = message, DocumentationUrl = "https://docs.github.com/rest" }, status);

    public static Task WriteHtmlAsync(HttpContext context, int status, string title, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var html = $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head><body><h1>{Encode(title)}</h1>{body}</body></html>";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>An OAuth token-endpoint answer (success or error) in the format the client asked for: JSON with <c>Accept: application/json</c>, else form-encoded.</summary>
    public static Task WriteOAuthAsync(HttpContext context, IReadOnlyDictionary<string, string> fields, bool forceForm = false)
    {
        context.Response.StatusCode = 200;
        var accept = context.Request.Headers.Accept.ToString();
        if (!forceForm && accept.Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.WriteAsync(JsonSerializer.Serialize(fields), context.RequestAborted);
        }

        context.Response.ContentType = "application/x-www-form-urlencoded; charset=utf-8";
        return context.Response.WriteAsync(FormEncode(fields), context.RequestAborted);
    }

    public static Dictionary<string, string> OAuthError(string error, string? description) => new()
    {
        ["error"] = error,
        ["error_description"] = description ?? error,
        ["error_uri"] = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors",
    };

    /// <summary>Writes a scripted status/raw answer.</summary>
    public static Task WriteScriptedAsync(HttpContext context, FakeGitHubFailure failure)
    {
        context.Response.StatusCode = failure.StatusCode;
        foreach (var (name, value) in failure.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (failure.Body is null)
        {
            return Task.CompletedTask;
        }

        context.Response.ContentType = failure.ContentType;
        return context.Response.WriteAsync(failure.Body, context.RequestAborted);
    }

    /// <summary>Adds <paramref name="parameters"/> to <paramref name="url"/>'s query string.</summary>
    public static string AppendQuery(string url, IReadOnlyDictionary<string, string?> parameters)
    {
        var builder = new StringBuilder(url);
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (key, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return builder.ToString();
    }

    public static void AddRateLimitHeaders(HttpContext context, DateTimeOffset now)
    {
        var headers = context.Response.Headers;
        headers["x-ratelimit-limit"] = "5000";
        headers["x-ratelimit-remaining"] = "4999";
        headers["x-ratelimit-used"] = "1";
        headers["x-ratelimit-reset"] = (now.ToUnixTimeSeconds() + 3600).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-resource"] = "core";
    }

    public static string Encode(string? text) => System.Net.WebUtility.HtmlEncode(text ?? string.Empty);

    private static string FormEncode(IReadOnlyDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
}
