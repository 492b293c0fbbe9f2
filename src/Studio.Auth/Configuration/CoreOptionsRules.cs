using Studio.Auth.Gate;

namespace Studio.Auth.Configuration;

/// <summary>The semantic rules for the top-level keys of <c>auth.yaml</c>.</summary>
internal static class CoreOptionsRules
{
    public const int MaxTokenExpiryMinutes = 7 * 24 * 60;
    public const int MaxClockSkewSeconds = 60;
    public const int MaxTokenCacheSize = 1_000_000;

    public static void Validate(StudioAuthOptions options, IReadOnlyCollection<string> registeredTypes, AuthConfigProblems problems)
    {
        if (string.IsNullOrWhiteSpace(options.Type))
        {
            problems.Add("type", "is required (none, " + string.Join(", ", registeredTypes.Where(t => t != StudioAuthOptions.NoneType)) + ")");
        }
        else if (!registeredTypes.Contains(options.Type, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add("type", $"unknown type '{options.Type}'; registered types: {string.Join(", ", registeredTypes)}"
                + " (a provider is registered in code, for example builder.AddGitHub())");
        }

        ValidateSecrets(options, problems);

        if (options.TokenExpiryMinutes is < 1 or > MaxTokenExpiryMinutes)
        {
            problems.Add("token_expiry_minutes", $"must be between 1 and {MaxTokenExpiryMinutes} (one week)");
        }

        if (options.ClockSkewSeconds is < 0 or > MaxClockSkewSeconds)
        {
            problems.Add("clock_skew_seconds", $"must be between 0 and {MaxClockSkewSeconds}");
        }

        if (options.TokenCacheSize is < 0 or > MaxTokenCacheSize)
        {
            problems.Add("token_cache_size", $"must be between 0 (no cache) and {MaxTokenCacheSize}");
        }

        if (options.LoginStateMinutes is < 1 or > 60)
        {
            problems.Add("login_state_minutes", "must be between 1 and 60");
        }

        problems.Require("issuer", options.Issuer);
        problems.Require("audience", options.Audience);
        ValidateApiPrefix(options.ApiPrefix, problems);
        ValidateExcludePaths(options, problems);
        ValidateAllowedOrigins(options, problems);

        var guest = problems.For("default_user");
        guest.Require("id", options.DefaultUser.Id);
        guest.Require("name", options.DefaultUser.Name);

        for (var i = 0; i < options.Admins.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Admins[i]))
            {
                problems.For("admins").Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be a user id");
            }
        }
    }

    private static void ValidateSecrets(StudioAuthOptions options, AuthConfigProblems problems)
    {
        if (string.IsNullOrEmpty(options.JwtSecret))
        {
            if (options.IsEnabled)
            {
                problems.Add("jwt_secret", $"is required when type is '{options.Type}'; generate one with: openssl rand -base64 48");
            }
        }
        else if (SecretRules.Check(options.JwtSecret) is { } reason)
        {
            problems.Add("jwt_secret", reason);
        }

        var previous = problems.For("previous_jwt_secrets");
        for (var i = 0; i < options.PreviousJwtSecrets.Count; i++)
        {
            var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var secret = options.PreviousJwtSecrets[i];
            if (string.IsNullOrEmpty(secret))
            {
                previous.Add(key, "must not be empty");
            }
            else if (SecretRules.Check(secret) is { } reason)
            {
                previous.Add(key, reason);
            }
            else if (secret == options.JwtSecret)
            {
                previous.Add(key, "is the same as jwt_secret; list only retired secrets here");
            }
        }
    }

    private static void ValidateApiPrefix(string prefix, AuthConfigProblems problems)
    {
        if (string.IsNullOrEmpty(prefix) || prefix[0] != '/' || prefix.Length < 2 || prefix.EndsWith('/')
            || prefix.Any(c => c is '*' or '?' or '#' or '%' or '\\' || char.IsWhiteSpace(c)) || prefix.Contains("/.", StringComparison.Ordinal))
        {
            problems.Add("api_prefix", "must be a path like /api (leading slash, no trailing slash, no wildcards)");
        }
    }

    private static void ValidateAllowedOrigins(StudioAuthOptions options, AuthConfigProblems problems)
    {
        var origins = problems.For("allowed_origins");
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            if (!IsOrigin(options.AllowedOrigins[i]))
            {
                origins.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be an absolute http(s) origin: scheme, host and optional port, no path (https://studio.example.com)");
            }
        }
    }

    /// <summary>Whether <paramref name="value"/> is <c>scheme://host[:port]</c> (an optional trailing slash allowed) with scheme http or https.</summary>
    internal static bool IsOrigin(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && !value.Any(char.IsWhiteSpace)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo)
        && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment)
        && value.Count(c => c == '/') <= 3; // "https://host" or "https://host/", never "https://host/./"

    private static void ValidateExcludePaths(StudioAuthOptions options, AuthConfigProblems problems)
    {
        var excluded = problems.For("exclude_paths");
        for (var i = 0; i < options.ExcludePaths.Count; i++)
        {
            var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var path = options.ExcludePaths[i];
            if (!ExemptPaths.TryParseRule(path, out var rule))
            {
                excluded.Add(key, "must be a path starting with '/', exact (/api/public) or a prefix ending in '/*' (/api/public/*)");
            }
            else if (rule.IsPrefix && RequestPath.IsUnder(rule.Path, options.ApiPrefix, orEqual: true))
            {
                excluded.Add(key, $"would exempt the whole API under {options.ApiPrefix}; use type: none to turn authentication off");
            }
        }
    }
}
