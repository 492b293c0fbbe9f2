using System.Text;

namespace Studio.Auth.Gate;

/// <summary>
/// Request-path normalisation for access decisions: percent-decoding (once), case, repeated and
/// trailing slashes, <c>.</c> and <c>..</c> segments. <c>/API/auth/type/../../teams</c> becomes
/// <c>/api/teams</c>. Paths that cannot be decoded normalise to null, which callers treat as guarded.
/// </summary>
public static class RequestPath
{
    /// <summary>The normalised form of <paramref name="path"/>, or null when it is not a valid path.</summary>
    public static string? Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        // The common case on every request: nothing to decode, fold or resolve, so no allocation.
        return IsNormal(path) ? path : NormalizeFully(path);
    }

    /// <summary>The normalisation itself (decode, split, resolve, lower-case, join), without the shortcut for paths already normal.</summary>
    internal static string? NormalizeFully(string path)
    {
        var decoded = Decode(path);
        if (decoded is null)
        {
            return null;
        }

        var segments = new List<string>();
        foreach (var segment in decoded.Split('/', '\\'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment.ToLowerInvariant());
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>Whether <paramref name="path"/> (normalised) is <paramref name="prefix"/> or below it, on a segment boundary.</summary>
    public static bool IsUnder(string prefix, string path, bool orEqual = true)
    {
        var p = Normalize(prefix);
        var n = Normalize(path);
        if (p is null || n is null)
        {
            return true;
        }

        return IsUnderNormalized(p, n, orEqual);
    }

    internal static bool IsUnderNormalized(string normalizedPrefix, string normalizedPath, bool orEqual)
    {
        if (normalizedPrefix == "/")
        {
            return orEqual || normalizedPath != "/";
        }

        return normalizedPath == normalizedPrefix
            ? orEqual
            : normalizedPath.StartsWith(normalizedPrefix, StringComparison.Ordinal) && normalizedPath[normalizedPrefix.Length] == '/';
    }

    /// <summary>
    /// Whether a router that does not resolve dot segments (or does not decode escapes) could see
    /// <paramref name="rawPath"/> as under <paramref name="normalizedPrefix"/>: compares the leading
    /// segments of the raw path, with and without percent-decoding, ignoring case.
    /// </summary>
    internal static bool MayBeUnder(string normalizedPrefix, string rawPath)
    {
        // Without escapes, backslashes or dot segments every reading equals the normalised one.
        if (rawPath.AsSpan().IndexOfAny('%', '\\') < 0 && !rawPath.Contains("/.", StringComparison.Ordinal))
        {
            return false;
        }

        return Check(rawPath) || (Decode(rawPath) is { } decoded && Check(decoded));

        bool Check(string path)
        {
            var literal = "/" + string.Join('/', path.Split('/', '\\').Where(s => s.Length > 0)).ToLowerInvariant();
            return IsUnderNormalized(normalizedPrefix, literal, orEqual: true);
        }
    }

    /// <summary>
    /// Whether the raw path hides a separator (<c>%2F</c>, <c>%5C</c>, <c>\</c>) or a dot segment
    /// (<c>%2E</c>). Such a path may be routed differently from how it normalises, so it is never exempt.
    /// </summary>
    public static bool HasAmbiguousSeparators(string path) =>
        path.Contains('\\', StringComparison.Ordinal)
        || path.Contains("%2f", StringComparison.OrdinalIgnoreCase)
        || path.Contains("%5c", StringComparison.OrdinalIgnoreCase)
        || path.Contains("%2e", StringComparison.OrdinalIgnoreCase)
        || path.Contains("%25", StringComparison.Ordinal)
        || path.Contains('\0', StringComparison.Ordinal);

    private static string? Decode(string path)
    {
        if (!path.Contains('%', StringComparison.Ordinal))
        {
            return path.Any(char.IsControl) ? null : path;
        }

        var bytes = new List<byte>(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '%')
            {
                if (i + 2 >= path.Length || !IsHex(path[i + 1]) || !IsHex(path[i + 2]))
                {
                    return null;
                }

                bytes.Add(Convert.ToByte(path.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
            return text.Any(char.IsControl) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    /// <summary>
    /// Whether <paramref name="path"/> is already its own normal form: <c>/</c>, or <c>/</c>-separated
    /// segments of lower-case ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>~</c>, none of them
    /// empty, <c>.</c> or <c>..</c>. Such a path has nothing to percent-decode, no control character, no
    /// backslash, no upper case and no slash to collapse, so <see cref="Normalize"/> would return it unchanged.
    /// </summary>
    internal static bool IsNormal(string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i == path.Length || path[i] == '/')
            {
                if (!IsPlainSegment(path.AsSpan(segmentStart, i - segmentStart)))
                {
                    return path.Length == 1;
                }

                segmentStart = i + 1;
            }
            else if (!IsNormalChar(path[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNormalChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.' or '~';

    private static bool IsPlainSegment(ReadOnlySpan<char> segment) => segment.Length > 0 && segment is not "." and not "..";
}
