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
    // Octokit splits "scope" on commas (GitHub's format); a space-delimited list (RFC 6749's) is split here too.
    public static GitHubTokenAnswer From(OauthToken token) =>
        new(token.Error, token.AccessToken, token.TokenType, SplitScopes(string.Join(',', token.Scope ?? [])));

    /// <summary>
    /// Reads a raw body Octokit did not deserialise (a form-encoded answer, or JSON under another content type);
    /// null when it is neither JSON nor form-encoded OAuth fields.
    /// </summary>
    public static GitHubTokenAnswer? Parse(IResponse response)
    {
        if (response.Body is not string body || string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var text = body.Trim();
        if (text[0] is '{' or '[')
        {
            return ParseJson(text);
        }

        if (text[0] == '<' || response.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true)
        {
            return null;
        }

        var form = HttpUtility.ParseQueryString(text);
        return form["error"] is null && form["access_token"] is null
            ? null
            : new(form["error"], form["access_token"], form["token_type"], SplitScopes(form["scope"]));
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

    public override string ToString() => $"GitHubTokenAnswer {{ Error = {Error}, TokenType = {TokenType}, AccessToken = (withheld) }}";
}
