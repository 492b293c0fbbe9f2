using System.Text.RegularExpressions;

namespace Studio.Auth.Configuration;

/// <summary>A value resolved from <c>${NAME}</c> at the key <see cref="Path"/>.</summary>
internal readonly record struct ExpandedValue(string Path, string Value);

/// <summary>
/// Keeps resolved <c>${NAME}</c> values out of problem messages. Rules echo a value in single quotes
/// (<c>unknown type 'X'</c>, <c>would be sent to GitHub as 'URL'</c>); such a quoted value is replaced
/// when the problem's own key was expanded from the environment, or when it is the value of any expanded key.
/// </summary>
internal static partial class ResolvedValueRedaction
{
    public const string Placeholder = "'(a value from the environment)'";

    public static string Redact(AuthConfigDocument document, string path, string message)
    {
        var expanded = document.Expanded;
        if (expanded.Count == 0 || !message.Contains('\'', StringComparison.Ordinal))
        {
            return message;
        }

        // A rule may print a normalised form (trimmed, lower case, a parsed URL), so the problem's own
        // expanded key hides every quoted value; other keys' values are matched ignoring case and spaces.
        var ownKeyExpanded = expanded.Any(e => KeyNames.Normalize(e.Path) == KeyNames.Normalize(path));
        return QuotedValue().Replace(message, match =>
            ownKeyExpanded || expanded.Any(e => string.Equals(e.Value.Trim(), match.Groups[1].Value.Trim(), StringComparison.OrdinalIgnoreCase))
                ? Placeholder
                : match.Value);
    }

    [GeneratedRegex("'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedValue();
}
