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

        // An encoded slash, backslash or control character can be decoded by a proxy or a client (some
        // decode more than once) into "//evil"; check every decoding until the text stops changing.
        var decoded = path;
        for (var round = 0; round < 4; round++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next.Length > 1 && (next[1] == '/' || next[1] == '\\'))
            {
                return false;
            }

            if (next.Contains('\\', StringComparison.Ordinal) || next.Any(char.IsControl))
            {
                return false;
            }

            if (next == decoded)
            {
                return true;
            }

            decoded = next;
        }

        return false; // still changing after four decodings: nobody legitimate encodes that deep
    }
}
