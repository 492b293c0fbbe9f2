namespace Studio.Auth.Configuration;

/// <summary>Dotted key paths (<c>github.scopes.0</c>) as problems, lookups and the readers spell them.</summary>
internal static class ConfigPath
{
    /// <summary><paramref name="prefix"/> and <paramref name="key"/> joined with a dot; either may be empty.</summary>
    public static string Combine(string prefix, string key) =>
        prefix.Length == 0 ? key : key.Length == 0 ? prefix : prefix + "." + key;

    /// <summary>The path of item <paramref name="index"/> of the list at <paramref name="prefix"/>.</summary>
    public static string Combine(string prefix, int index) =>
        Combine(prefix, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
