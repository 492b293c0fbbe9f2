namespace Studio.Auth.Gate;

/// <summary>
/// The paths under the API prefix that need no token: AutoGen Studio's auth endpoints, health and
/// version, plus <c>exclude_paths</c> (exact, or prefix with a trailing <c>/*</c>).
/// </summary>
public sealed class ExemptPaths
{
    /// <summary>The endpoints that are always exempt, relative to the API prefix.</summary>
    public static readonly IReadOnlyList<string> BuiltIn =
        ["/auth/login-url", "/auth/callback", "/auth/callback-handler", "/auth/type", "/health", "/version"];

    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string> _prefixes = [];

    /// <summary>Builds the set for <paramref name="apiPrefix"/> and the configured <paramref name="excludePaths"/>.</summary>
    public ExemptPaths(string apiPrefix, IEnumerable<string> excludePaths)
    {
        ArgumentNullException.ThrowIfNull(excludePaths);
        var prefix = RequestPath.Normalize(apiPrefix) ?? "/api";
        foreach (var path in BuiltIn)
        {
            _exact.Add(RequestPath.Normalize(prefix.TrimEnd('/') + path)!);
        }

        foreach (var path in excludePaths)
        {
            if (!TryParseRule(path, out var rule))
            {
                continue;
            }

            if (rule.IsPrefix)
            {
                _prefixes.Add(RequestPath.Normalize(rule.Path)!);
            }
            else
            {
                _exact.Add(RequestPath.Normalize(rule.Path)!);
            }
        }
    }

    /// <summary>Whether the normalised path is exempt.</summary>
    public bool Contains(string normalizedPath)
    {
        if (_exact.Contains(normalizedPath))
        {
            return true;
        }

        // A loop, not List.Exists with a lambda: this runs on every guarded request and must not allocate.
        foreach (var prefix in _prefixes)
        {
            if (RequestPath.IsUnderNormalized(prefix, normalizedPath, orEqual: true))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses an <c>exclude_paths</c> entry: <c>/exact</c> or <c>/prefix/*</c>.</summary>
    public static bool TryParseRule(string? entry, out (string Path, bool IsPrefix) rule)
    {
        rule = default;
        if (string.IsNullOrWhiteSpace(entry) || entry[0] != '/' || entry.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var isPrefix = entry.EndsWith("/*", StringComparison.Ordinal);
        var path = isPrefix ? entry[..^2] : entry;
        if (path.Length == 0)
        {
            path = "/";
        }

        if (path.Contains('*', StringComparison.Ordinal) || path.Contains('?', StringComparison.Ordinal) || RequestPath.Normalize(path) is null)
        {
            return false;
        }

        rule = (path, isPrefix);
        return true;
    }
}
