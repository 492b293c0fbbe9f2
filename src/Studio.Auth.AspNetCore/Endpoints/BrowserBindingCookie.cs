using Microsoft.AspNetCore.Http;
using Studio.Auth.Configuration;

namespace Studio.Auth.AspNetCore.Endpoints;

/// <summary>
/// The cookie that binds a sign-in to the browser that began it: HttpOnly, SameSite=Lax, path <c>/</c>,
/// expiring with the pending sign-in. It is Secure (and named with the <c>__Host-</c> prefix) unless the
/// app is served over plain HTTP on a loopback host, where browsers would refuse a Secure cookie.
/// </summary>
internal static class BrowserBindingCookie
{
    public static void Append(HttpContext context, string value, DateTimeOffset expiresAt)
    {
        var secure = IsSecure(context.Request);
        context.Response.Cookies.Append(NameFor(secure), value, Options(secure, expiresAt));
    }

    public static string? Read(HttpContext context) => context.Request.Cookies[NameFor(IsSecure(context.Request))];

    public static void Delete(HttpContext context)
    {
        var secure = IsSecure(context.Request);
        context.Response.Cookies.Delete(NameFor(secure), Options(secure, null));
    }

    /// <summary>Secure unless the request came over plain HTTP to a loopback host name or address.</summary>
    public static bool IsSecure(HttpRequest request) =>
        request.IsHttps || !Uri.TryCreate("http://" + request.Host.Value, UriKind.Absolute, out var uri) || !AuthConfigProblems.IsLoopback(uri);

    private static string NameFor(bool secure) => secure ? StudioAuthDefaults.SecureBindingCookieName : StudioAuthDefaults.BindingCookieName;

    private static CookieOptions Options(bool secure, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        Secure = secure,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Expires = expiresAt,
        IsEssential = true,
    };
}
