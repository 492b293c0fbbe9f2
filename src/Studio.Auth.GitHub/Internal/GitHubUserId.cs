using System.Text.Json;

namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// Checks the <c>id</c> of a <c>GET /user</c> answer as written. The id is the user's permanent key, and Octokit's
/// reader is lenient: it rounds <c>5.5</c> to <c>6</c> (another account) and accepts <c>"5"</c> or <c>5e0</c>.
/// GitHub sends one plain integer, so anything else is an answer that is not GitHub's.
/// </summary>
internal static class GitHubUserId
{
    /// <summary>Whether <paramref name="body"/> is a JSON object with exactly one <c>id</c>, a plain integer equal to <paramref name="id"/>.</summary>
    public static bool IsExactly(object? body, long id)
    {
        if (body is not string json)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            JsonElement? found = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("id"))
                {
                    if (found is not null)
                    {
                        return false; // two ids: which one Octokit took is not ours to guess
                    }

                    found = property.Value;
                }
            }

            return found is { ValueKind: JsonValueKind.Number } value
                && IsPlainInteger(value.GetRawText())
                && value.TryGetInt64(out var parsed)
                && parsed == id;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsPlainInteger(string raw) => raw.Length > 0 && raw.All(char.IsAsciiDigit);
}
