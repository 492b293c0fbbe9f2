namespace Studio.Auth.Login;

/// <summary>
/// Keeps the post-sign-in redirect on this site: only a local path is accepted; anything that a
/// browser could read as another origin (<c>//evil</c>, <c>/\evil</c>, <c>https:evil</c>,
/// <c>javascript:</c>, control characters, ...) becomes <c>/</c>.
/// </summary>
public static class ReturnPaths
{
    /// <summary>The path used when none, or an unsafe one, is given.</summary>
    public const string Default = "/";

    private const int MaxLength = 2048;

    /// <summary>Returns <paramref name="path"/> when it is a safe local path, otherwise <see cref="Default"/>.</summary>
    public static string Sanitize(string? path) => IsLocal(path) ? path! : Default;

    /// <summary>Whether <paramref name="path"/> is a path on this origin that cannot be read as another one.</summary>
    public static bool IsLocal(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength || path[0] != '/')
        {
            return false;
        }

        foreach (var c in path)
        {
            // Browsers drop tabs and newlines and treat '\' as '/', so "/\t/evil" and "/\evil" are "//evil".
            if (c <= ' ' || c == '\\' || c == 0x7F || c > 0x7E)
            {
                return false;
            }
        }

        if (path.Length > 1 && (path[1] == '/' || path[1] == '\\'))
        {
            return false;
        }

        // An encoded second slash or backslash can be decoded by a proxy or a client into "//evil".
        var decoded = Uri.UnescapeDataString(path);
        return !(decoded.Length > 1 && (decoded[1] == '/' || decoded[1] == '\\'))
            && !decoded.Contains('\\', StringComparison.Ordinal)
            && !decoded.Any(char.IsControl);
    }
}
