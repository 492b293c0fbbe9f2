using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Studio.Auth.Configuration;
using Studio.Auth.Providers;

namespace Studio.Auth.AspNetCore.Gate;

/// <summary>
/// Which browser origins may open WebSockets under the API prefix (against cross-site WebSocket
/// hijacking): <c>allowed_origins</c> when configured, otherwise the app's own origin and the origin
/// of the active provider's callback URL. A request without <c>Origin</c> is not from a browser page and passes.
/// </summary>
internal sealed class WebSocketOrigins
{
    private readonly HashSet<string> _configured;
    private readonly Lazy<string?> _callbackOrigin;

    public WebSocketOrigins(IOptions<StudioAuthOptions> options, AuthProviders providers)
    {
        _configured = new HashSet<string>(
            options.Value.AllowedOrigins.Select(Normalize).OfType<string>(),
            StringComparer.Ordinal);
        _callbackOrigin = new Lazy<string?>(() => providers.Active.CallbackUrl is { IsAbsoluteUri: true } url ? Normalize(url.AbsoluteUri) : null);
    }

    /// <summary>Whether the request's <c>Origin</c> (if any) may open a WebSocket here.</summary>
    public bool IsAllowed(HttpRequest request)
    {
        var values = request.Headers[HeaderNames.Origin];
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count > 1 || Normalize(values[0]) is not { } origin)
        {
            return false;
        }

        if (_configured.Count > 0)
        {
            return _configured.Contains(origin);
        }

        return origin == Normalize($"{request.Scheme}://{request.Host.Value}") || origin == _callbackOrigin.Value;
    }

    /// <summary><c>scheme://host[:port]</c> in lower case without a default port, or null when not an http(s) origin.</summary>
    internal static string? Normalize(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
}
