namespace Studio.Auth.GitHub;

/// <summary>Default values and endpoint paths of the GitHub provider.</summary>
public static class GitHubAuthenticationDefaults
{
    /// <summary>The provider type: the value of <c>type:</c> and the name of the YAML block (<c>github:</c>).</summary>
    public const string ProviderType = "github";

    /// <summary>The web root of github.com (sign-in page and code exchange).</summary>
    public const string BaseUrl = "https://github.com";

    /// <summary>The REST API root of github.com.</summary>
    public const string ApiUrl = "https://api.github.com";

    /// <summary>Where the REST API lives on GitHub Enterprise Server, relative to <c>base_url</c>.</summary>
    public const string EnterpriseApiPath = "/api/v3";

    /// <summary>The path of the page the browser is sent to.</summary>
    public const string AuthorizationPath = "/login/oauth/authorize";

    /// <summary>The path the code is exchanged at.</summary>
    public const string TokenPath = "/login/oauth/access_token";

    /// <summary>The scopes requested when none are configured: enough to read the verified e-mail address.</summary>
    public static IReadOnlyList<string> Scopes { get; } = [GitHubAuthenticationConstants.Scopes.UserEmail];

    /// <summary>Seconds each call to GitHub may take before the sign-in fails with <c>github_timeout</c>.</summary>
    public const int TimeoutSeconds = 10;

    /// <summary>The largest <c>timeout_seconds</c> accepted.</summary>
    public const int MaxTimeoutSeconds = 120;

    /// <summary>How many organizations and teams may be listed in total (each one is an API call per sign-in).</summary>
    public const int MaxMembershipChecks = 25;

    /// <summary>The product name in the <c>User-Agent</c> header GitHub requires.</summary>
    public const string UserAgentProduct = "Studio.Auth.GitHub";
}
