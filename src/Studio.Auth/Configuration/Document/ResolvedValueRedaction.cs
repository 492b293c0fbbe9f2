using System.Text.RegularExpressions;

namespace Studio.Auth.Configuration;

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
        if (document.Root is not { } root || !message.Contains('\'', StringComparison.Ordinal))
        {
            return message;
        }

        var expanded = new List<(string Path, string Value)>();
        Collect(root, string.Empty, expanded);
        if (expanded.Count == 0)
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

    private static void Collect(ConfigNode node, string path, List<(string Path, string Value)> expanded)
    {
        switch (node)
        {
            case ConfigScalar { FromEnvironment: true, Value: { } value }:
                expanded.Add((path, value));
                break;
            case ConfigSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Collect(sequence.Items[i], Combine(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), expanded);
                }

                break;
            case ConfigMapping mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    Collect(value, Combine(path, key.Value ?? "?"), expanded);
                }

                break;
        }
    }

    private static string Combine(string path, string part) => path.Length == 0 ? part : path + "." + part;

    [GeneratedRegex("'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedValue();
}
