using Microsoft.Extensions.Configuration;

namespace Studio.Auth.Configuration;

/// <summary>
/// Reads an <see cref="IConfiguration"/> section (for example <c>appsettings.json</c>'s
/// <c>StudioAuth</c>) into the same tree the YAML reader makes, so both are bound and validated alike.
/// Children keyed 0, 1, 2, ... become a list. Keys that differ only in case, <c>_</c> or <c>-</c>
/// (<c>JwtSecret</c> and <c>jwt_secret</c>) are a duplicate, as in a file.
/// </summary>
internal static class ConfigurationSectionReader
{
    public static AuthConfigDocument Read(IConfiguration configuration)
    {
        var source = configuration is IConfigurationSection section
            ? $"configuration section '{section.Path}'"
            : "configuration";
        var problems = new List<AuthConfigProblem>();
        var root = ReadMapping(configuration, string.Empty, source, problems);
        if (root.Entries.Count == 0)
        {
            // A host that asked for a section and got nothing has a typo or a missing file; that is
            // not a request to turn authentication off (that is "Type": "none").
            return AuthConfigDocument.Failed(source, new AuthConfigProblem(source, string.Empty,
                "is missing or empty; set at least Type (\"none\" turns authentication off)"), hasLines: false);
        }

        return AuthConfigDocument.Create(source, root, problems, hasLines: false);
    }

    private static ConfigMapping ReadMapping(IConfiguration configuration, string path, string source, List<AuthConfigProblem> problems)
    {
        var mapping = new ConfigMapping(null);
        foreach (var child in configuration.GetChildren())
        {
            // IConfiguration ignores case only, so appsettings.json's "JwtSecret" and an environment
            // variable's "jwt_secret" are two keys; which one the binder used would depend on their order.
            var childPath = ConfigPath.Combine(path, child.Key);
            if (mapping.TryGet(child.Key, out var first, out _))
            {
                problems.Add(new(source, childPath, $"duplicate key (also set as '{first.Value}'); keep one"));
            }

            mapping.Entries.Add(new(new ConfigScalar(child.Key, null), ReadNode(child, childPath, source, problems)));
        }

        return mapping;
    }

    private static ConfigNode ReadNode(IConfigurationSection section, string path, string source, List<AuthConfigProblem> problems)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return new ConfigScalar(string.IsNullOrEmpty(section.Value) ? null : section.Value, null);
        }

        if (children.Select((c, i) => c.Key == i.ToString(System.Globalization.CultureInfo.InvariantCulture)).All(x => x))
        {
            var sequence = new ConfigSequence(null);
            foreach (var child in children)
            {
                sequence.Items.Add(ReadNode(child, ConfigPath.Combine(path, child.Key), source, problems));
            }

            return sequence;
        }

        return ReadMapping(section, path, source, problems);
    }
}
