using System.Text;

namespace Studio.Auth.Configuration;

/// <summary>
/// Replaces <c>${NAME}</c> in string values with the environment variable NAME, after parsing (so a
/// variable's value is never parsed as YAML). An unset variable is a problem that names it;
/// the resolved value is never printed. <c>$${</c> stands for a literal <c>${</c>.
/// </summary>
internal static class EnvironmentVariableExpander
{
    /// <summary>Expands every string value under <paramref name="node"/>; returns the values it resolved, by key path, so messages can hide them.</summary>
    public static List<ExpandedValue> Expand(ConfigNode node, string source, Func<string, string?> environment, List<AuthConfigProblem> problems)
    {
        var expanded = new List<ExpandedValue>();
        Expand(node, string.Empty, source, environment, problems, expanded);
        return expanded;
    }

    private static void Expand(ConfigNode node, string path, string source, Func<string, string?> environment, List<AuthConfigProblem> problems, List<ExpandedValue> expanded)
    {
        switch (node)
        {
            case ConfigScalar { Value: { } value } scalar when value.Contains('$', StringComparison.Ordinal):
                scalar.Value = ExpandValue(value, scalar.Location, path, source, environment, problems);
                if (value.Contains("${", StringComparison.Ordinal))
                {
                    expanded.Add(new(path, scalar.Value));
                }

                break;
            case ConfigSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Expand(sequence.Items[i], ConfigPath.Combine(path, i), source, environment, problems, expanded);
                }

                break;
            case ConfigMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    Expand(entry.Value, ConfigPath.Combine(path, entry.Key.Value ?? "?"), source, environment, problems, expanded);
                }

                break;
        }
    }

    private static string ExpandValue(string value, ConfigLocation? location, string key, string source, Func<string, string?> environment, List<AuthConfigProblem> problems)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 >= value.Length)
            {
                result.Append(value[i]);
                continue;
            }

            if (value[i + 1] == '$' && i + 2 < value.Length && value[i + 2] == '{')
            {
                result.Append("${");
                i += 2;
                continue;
            }

            if (value[i + 1] != '{')
            {
                result.Append('$');
                continue;
            }

            var end = value.IndexOf('}', i + 2);
            var name = end < 0 ? string.Empty : value[(i + 2)..end];
            if (end < 0 || !IsVariableName(name))
            {
                problems.Add(new(source, key, "malformed ${NAME} reference: write ${NAME} with letters, digits and underscores, or $${ for a literal ${", location?.Line, location?.Column));
                return value;
            }

            var resolved = environment(name);
            if (resolved is null)
            {
                problems.Add(new(source, key, $"environment variable '{name}' is not set; export it before starting the host", location?.Line, location?.Column));
                return value;
            }

            result.Append(resolved);
            i = end;
        }

        return result.ToString();
    }

    private static bool IsVariableName(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
