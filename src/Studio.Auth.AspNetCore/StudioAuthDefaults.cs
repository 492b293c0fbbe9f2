namespace Studio.Auth.AspNetCore;

/// <summary>Names Studio.Auth uses in ASP.NET Core: the authentication scheme, cookies, storage keys and query parameters.</summary>
public static class StudioAuthDefaults
{
    /// <summary>The authentication scheme name (<c>[Authorize(AuthenticationSchemes = StudioAuthDefaults.AuthenticationScheme)]</c>).</summary>
    public const string AuthenticationScheme = "StudioAuth";

    /// <summary>The scheme's display name.</summary>
    public const string DisplayName = "Studio.Auth";

    /// <summary>
    /// The browser-binding cookie over HTTPS (and plain HTTP on a public host name, as behind a TLS-terminating proxy).
    /// The <c>__Host-</c> prefix makes the browser refuse it unless it is Secure, host-only and for path <c>/</c>.
    /// </summary>
    public const string SecureBindingCookieName = "__Host-studio_auth_binding";

    /// <summary>The browser-binding cookie when the app is served over plain HTTP on a loopback host (development).</summary>
    public const string BindingCookieName = "studio_auth_binding";

    /// <summary>The <c>localStorage</c> key the callback page stores the token under when it has no opener (AutoGen Studio's key).</summary>
    public const string TokenStorageKey = "auth_token";

    /// <summary>The optional query parameter of <c>GET /api/auth/login-url</c> naming the local path to return to after sign-in.</summary>
    public const string ReturnPathParameter = "return_path";

    /// <summary>The query parameter that carries the token on WebSocket upgrades (<c>/api/ws?token=...</c>).</summary>
    public const string TokenQueryParameter = "token";
}
