using System.Text.Json;
using System.Web;
using Octokit;

namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// The fields of a code-exchange answer, whatever form it came in: Octokit's <see cref="OauthToken"/> for JSON, or
/// the raw body for the form-encoded answers GitHub gives when it ignores (or never sees) our <c>Accept</c> header.
/// </summary>
internal sealed record GitHubTokenAnswer(string? Error, string? AccessToken, string? TokenType, IReadOnlyList<string> Scopes)
{
    public static GitHubTokenAnswer From(OauthToken token) =>
        new(token.Error, token.AccessToken, token.TokenType, token.Scope ?? []);

    /// <summary>Reads a raw body Octokit did not deserialise; null when it is neither JSON nor form-encoded.</summary>
    public static GitHubTokenAnswer? Parse(IResponse response)
    {
        if (response.Body is not string body)
        {
            return null;
        }

        if (IsJson(response.ContentType))
        {
            return ParseJson(body);
        }

        if (response.ContentType is "application/x-www-form-urlencoded" or "text/plain" && !body.TrimStart().StartsWith('<'))
        {
            var form = HttpUtility.ParseQueryString(body);
            return new(form["error"], form["access_token"], form["token_type"], SplitScopes(form["scope"]));
        }

        return null;
    }

    private static GitHubTokenAnswer? ParseJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var root = document.RootElement;
            return new(Text(root, "error"), Text(root, "access_token"), Text(root, "token_type"), SplitScopes(Text(root, "scope")));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] SplitScopes(string? scope) =>
        scope?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType == "application/json" || contentType.EndsWith("+json", StringComparison.Ordinal));

    public override string ToString() => $"GitHubTokenAnswer {{ Error = {Error}, TokenType = {TokenType}, AccessToken = (withheld) }}";
}
