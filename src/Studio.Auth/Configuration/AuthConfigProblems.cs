using System.Net;

namespace Studio.Auth.Configuration;

/// <summary>
/// Collects configuration problems during validation so that all of them are reported at once.
/// Keys are relative to the block being validated; the collector adds the block name and the
/// line the key (or, when it is missing, its parent) is on.
/// </summary>
public sealed class AuthConfigProblems
{
    private readonly List<AuthConfigProblem> _problems;
    private readonly AuthConfigDocument _document;
    private readonly string _prefix;

    /// <summary>Creates an empty collector for settings that do not come from a file (for example, set in code).</summary>
    public AuthConfigProblems()
        : this(AuthConfigDocument.Empty("code"), string.Empty, [])
    {
    }

    internal AuthConfigProblems(AuthConfigDocument document, string prefix, List<AuthConfigProblem> sink)
    {
        _document = document;
        _prefix = prefix;
        _problems = sink;
    }

    /// <summary>The problems collected so far (including those of parent and child collectors).</summary>
    public IReadOnlyList<AuthConfigProblem> All => _problems;

    /// <summary>How many problems were collected.</summary>
    public int Count => _problems.Count;

    /// <summary>
    /// Adds a problem with <paramref name="key"/> relative to this collector's block. A value quoted in
    /// <paramref name="message"/> ('like this') is replaced when it came from a <c>${NAME}</c> variable.
    /// </summary>
    public void Add(string key, string message)
    {
        var path = ConfigPath.Combine(_prefix, key);
        var location = _document.Locate(path);
        _problems.Add(new AuthConfigProblem(_document.Source, path, ResolvedValueRedaction.Redact(_document, path, message), location?.Line, location?.Column));
    }

    /// <summary>A collector for the child block <paramref name="key"/> that shares this one's list.</summary>
    public AuthConfigProblems For(string key) => new(_document, ConfigPath.Combine(_prefix, key), _problems);

    /// <summary>Adds "is required" when <paramref name="value"/> is null or whitespace. Returns whether it was present.</summary>
    public bool Require(string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        Add(key, "is required");
        return false;
    }

    /// <summary>
    /// Checks that <paramref name="value"/> is an absolute <c>https</c> URL, or <c>http</c> on a
    /// loopback host (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>). Returns the parsed URI when valid.
    /// </summary>
    public Uri? RequireWebUrl(string key, string? value)
    {
        if (!Require(key, value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            Add(key, "must be an absolute http(s) URL without user info");
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            Add(key, "must use https; plain http is allowed only for localhost and loopback addresses");
            return null;
        }

        return uri;
    }

    /// <summary>Whether <paramref name="uri"/> names this machine (<c>localhost</c> or a loopback address).</summary>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
