using System.Text;

namespace Studio.Auth.AspNetCore.Logging;

/// <summary>
/// Replaces every query parameter value with <c>***</c> for logs, keeping short, plain parameter names
/// (<c>?token=***&amp;state=***</c>) so a log still shows what was sent without what it was.
/// </summary>
internal static class QueryStringRedactor
{
    public const string Mask = "***";
    private const int MaxNameLength = 32;

    public static string Redact(string? queryString)
    {
        if (string.IsNullOrEmpty(queryString) || queryString == "?")
        {
            return queryString ?? string.Empty;
        }

        var builder = new StringBuilder("?");
        var parts = queryString.TrimStart('?').Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            var part = parts[i];
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? null : part[..equals];
            if (name is { Length: > 0 and <= MaxNameLength } && name.All(IsPlain))
            {
                builder.Append(name).Append('=');
            }

            builder.Append(Mask);
        }

        return builder.ToString();
    }

    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '[' or ']';
}
