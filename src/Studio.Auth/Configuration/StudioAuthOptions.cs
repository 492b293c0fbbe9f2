namespace Studio.Auth.Configuration;

/// <summary>
/// The core settings: the top level of <c>auth.yaml</c> (keys are snake_case there, so
/// <see cref="TokenExpiryMinutes"/> is <c>token_expiry_minutes</c>). A provider's own block
/// (<c>github:</c>, ...) is bound to that provider's options type instead.
/// Every value is validated at start-up; an invalid configuration stops the host.
/// </summary>
public sealed class StudioAuthOptions
{
    /// <summary>The provider type name that means "authentication off".</summary>
    public const string NoneType = "none";

    /// <summary>The key name of the configuration section hosts use in <c>appsettings.json</c> by convention.</summary>
    public const string DefaultSectionName = "StudioAuth";

    /// <summary><c>type</c>: <c>none</c> (the default: every request is the guest), <c>github</c>, or any type a registered provider claims.</summary>
    public string Type { get; set; } = NoneType;

    /// <summary><c>jwt_secret</c>: the HS256 signing key, at least 32 bytes of UTF-8; required unless <see cref="Type"/> is <c>none</c>.</summary>
    public string? JwtSecret { get; set; }

    /// <summary><c>previous_jwt_secrets</c>: former signing keys; tokens they signed validate until they expire, new tokens use <see cref="JwtSecret"/>.</summary>
    public IList<string> PreviousJwtSecrets { get; set; } = [];

    /// <summary><c>token_expiry_minutes</c>: lifetime of an issued token, 1 to 10080 (one week). Default 60.</summary>
    public int TokenExpiryMinutes { get; set; } = 60;

    /// <summary><c>clock_skew_seconds</c>: tolerance for clocks that disagree, 0 to 60. Default 30.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>
    /// <c>token_cache_size</c>: how many validated tokens are remembered, so a token presented again
    /// skips decoding and signature checking (its expiry and revocation are still checked on every
    /// request); 0 turns the cache off. 0 to 1,000,000. Default 10,000.
    /// </summary>
    public int TokenCacheSize { get; set; } = 10_000;

    /// <summary><c>issuer</c>: the <c>iss</c> claim written and required. Default <c>studio-auth</c>.</summary>
    public string Issuer { get; set; } = "studio-auth";

    /// <summary><c>audience</c>: the <c>aud</c> claim written and required. Default <c>studio-auth</c>.</summary>
    public string Audience { get; set; } = "studio-auth";

    /// <summary>
    /// <c>exclude_paths</c>: extra paths that need no token, exact (<c>/api/public</c>) or prefix with a
    /// trailing <c>/*</c> (<c>/api/public/*</c>). The auth endpoints, <c>/api/health</c> and <c>/api/version</c> are always exempt.
    /// </summary>
    public IList<string> ExcludePaths { get; set; } = [];

    /// <summary><c>api_prefix</c>: every path under it requires a token (unless exempt). Default <c>/api</c>.</summary>
    public string ApiPrefix { get; set; } = "/api";

    /// <summary><c>default_user</c>: the guest every request runs as when <see cref="Type"/> is <c>none</c>.</summary>
    public DefaultUserOptions DefaultUser { get; set; } = new();

    /// <summary><c>admins</c>: user ids (or <c>provider:id</c>) that get the <c>admin</c> role when they sign in.</summary>
    public IList<string> Admins { get; set; } = [];

    /// <summary>
    /// <c>allowed_origins</c>: the browser origins (<c>https://studio.example.com</c>, <c>http://localhost:8081</c>)
    /// a WebSocket upgrade under the API prefix may come from. Each entry is an absolute http(s) origin:
    /// scheme, host and optional port, no path. Empty (the default) means the application's own origin
    /// and the origin of the active provider's callback URL (<see cref="Providers.AuthProviderBase.CallbackUrl"/>,
    /// for GitHub its <c>callback_url</c>). Requests without an <c>Origin</c> header (non-browser clients) are not affected.
    /// </summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary><c>login_state_minutes</c>: how long a sign-in may take between the login URL and the callback, 1 to 60. Default 10.</summary>
    public int LoginStateMinutes { get; set; } = 10;

    /// <summary>Whether authentication is on (a <see cref="Type"/> other than <c>none</c>).</summary>
    public bool IsEnabled => !string.Equals(Type, NoneType, StringComparison.OrdinalIgnoreCase);
}
