using Microsoft.Extensions.Configuration;

namespace Studio.Auth.Configuration;

/// <summary>
/// Reads an <see cref="IConfiguration"/> section (for example <c>appsettings.json</c>'s
/// <c>StudioAuth</c>) into the same tree the YAML reader makes, so both are bound and validated alike.
/// Children keyed 0, 1, 2, ... become a list.
/// </summary>
internal static class ConfigurationSectionReader
{
    public static AuthConfigDocument Read(IConfiguration configuration)
    {
        var source = configuration is IConfigurationSection section
            ? $"configuration section '{section.Path}'"
            : "configuration";
        var root = ReadMapping(configuration);
        if (root.Entries.Count == 0)
        {
            // A host that asked for a section and got nothing has a typo or a missing file; that is
            // not a request to turn authentication off (that is "Type": "none").
            return AuthConfigDocument.Failed(source, new AuthConfigProblem(source, string.Empty,
                "is missing or empty; set at least Type (\"none\" turns authentication off)"), hasLines: false);
        }

        return AuthConfigDocument.Create(source, root, [], hasLines: false);
    }

    private static ConfigMapping ReadMapping(IConfiguration configuration)
    {
        var mapping = new ConfigMapping(null);
        foreach (var child in configuration.GetChildren())
        {
            mapping.Entries.Add(new(new ConfigScalar(child.Key, null), ReadNode(child)));
        }

        return mapping;
    }

    private static ConfigNode ReadNode(IConfigurationSection section)
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
                sequence.Items.Add(ReadNode(child));
            }

            return sequence;
        }

        return ReadMapping(section);
    }
}
