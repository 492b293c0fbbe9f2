namespace Studio.Auth.Configuration;

/// <summary>
/// A configuration source read into a tree of located values, with the problems found while
/// reading it (syntax errors, duplicate keys, aliases, unset environment variables, ...).
/// </summary>
internal sealed class AuthConfigDocument
{
    private AuthConfigDocument(string source, ConfigMapping? root, List<AuthConfigProblem> problems, bool hasLines, IReadOnlyList<ExpandedValue> expanded)
    {
        Source = source;
        Root = root;
        Problems = problems;
        HasLines = hasLines;
        Expanded = expanded;
    }

    /// <summary>The file path or section name, as shown in messages.</summary>
    public string Source { get; }

    /// <summary>The top-level mapping; null when there is nothing to bind (no source, or it could not be read).</summary>
    public ConfigMapping? Root { get; }

    /// <summary>
    /// Problems found while reading. When any exists, the document must not be used to start. With a
    /// <see cref="Root"/>, they are tied to single keys and the rest of the document can still be validated.
    /// </summary>
    public List<AuthConfigProblem> Problems { get; }

    /// <summary>Whether locations are lines in a file (false for <c>IConfiguration</c> sections).</summary>
    public bool HasLines { get; }

    /// <summary>The values resolved from <c>${NAME}</c>, by key path: never to be printed.</summary>
    public IReadOnlyList<ExpandedValue> Expanded { get; }

    public static AuthConfigDocument Empty(string source) => new(source, null, [], false, []);

    public static AuthConfigDocument Failed(string source, AuthConfigProblem problem, bool hasLines = true) => new(source, null, [problem], hasLines, []);

    public static AuthConfigDocument Create(string source, ConfigMapping? root, List<AuthConfigProblem> problems, bool hasLines, IReadOnlyList<ExpandedValue>? expanded = null) =>
        new(source, root, problems, hasLines, expanded ?? []);

    /// <summary>
    /// The location of <paramref name="path"/> (dotted keys), or of its nearest parent that exists:
    /// a missing key is reported on the line of the block that should contain it.
    /// </summary>
    public ConfigLocation? Locate(string path)
    {
        if (Root is null || !HasLines)
        {
            return null;
        }

        ConfigNode current = Root;
        ConfigLocation? found = Root.Entries.Count > 0 ? Root.Entries[0].Key.Location : new ConfigLocation(1, 1);
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current is ConfigMapping mapping && mapping.TryGet(part, out var key, out var value))
            {
                found = key.Location;
                current = value;
            }
            else if (current is ConfigSequence sequence && int.TryParse(part, out var index) && index >= 0 && index < sequence.Items.Count)
            {
                current = sequence.Items[index];
                found = current.Location;
            }
            else
            {
                break;
            }
        }

        return found;
    }
}
