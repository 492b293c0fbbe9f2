namespace Studio.Auth.Configuration;

/// <summary>Where a value was read: 1-based line and column.</summary>
internal readonly record struct ConfigLocation(int Line, int Column);

/// <summary>
/// A configuration value with the place it came from. The YAML reader and the
/// <c>IConfiguration</c> reader both produce this tree, so binding and validation are shared.
/// </summary>
internal abstract class ConfigNode(ConfigLocation? location)
{
    public ConfigLocation? Location { get; } = location;
}

/// <summary>A single value; <see cref="Value"/> is null for YAML's <c>~</c>, <c>null</c> or an empty value.</summary>
internal sealed class ConfigScalar(string? value, ConfigLocation? location) : ConfigNode(location)
{
    public string? Value { get; set; } = value;
}

/// <summary>A list of values.</summary>
internal sealed class ConfigSequence(ConfigLocation? location) : ConfigNode(location)
{
    public List<ConfigNode> Items { get; } = [];
}

/// <summary>Keys with values, in source order; keys are unique (the readers refuse duplicates).</summary>
internal sealed class ConfigMapping(ConfigLocation? location) : ConfigNode(location)
{
    public List<KeyValuePair<ConfigScalar, ConfigNode>> Entries { get; } = [];

    /// <summary>Finds an entry by key, matching as the binder does (case and underscores ignored).</summary>
    public bool TryGet(string key, out ConfigScalar keyNode, out ConfigNode value)
    {
        var wanted = KeyNames.Normalize(key);
        foreach (var entry in Entries)
        {
            if (KeyNames.Normalize(entry.Key.Value ?? string.Empty) == wanted)
            {
                keyNode = entry.Key;
                value = entry.Value;
                return true;
            }
        }

        keyNode = null!;
        value = null!;
        return false;
    }
}
