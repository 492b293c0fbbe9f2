using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Studio.Auth.Configuration;
using Studio.Auth.Tokens;

namespace Studio.Auth.Gate;

/// <summary>
/// Decides, for any host, whether a request may proceed: everything under the API prefix needs a
/// valid token except the exempt paths; paths are compared after normalisation (so
/// <c>/API/auth/type/../../teams</c> is guarded). The token comes from <c>Authorization: Bearer</c>
/// (scheme case-insensitive), or from <c>?token=</c> on WebSocket upgrades only; two headers, or a
/// header and a query token together, are refused. With <c>type: none</c> every request is the guest.
/// </summary>
public sealed class RequestGate
{
    private readonly ITokenService _tokens;
    private readonly ExemptPaths _exempt;
    private readonly string _prefix;
    private readonly bool _enabled;
    private readonly StudioUser _guest;

    /// <summary>Created by dependency injection.</summary>
    public RequestGate(IOptions<StudioAuthOptions> options, ITokenService tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _tokens = tokens;
        _prefix = RequestPath.Normalize(settings.ApiPrefix) ?? "/api";
        _exempt = new ExemptPaths(settings.ApiPrefix, settings.ExcludePaths);
        _enabled = settings.IsEnabled;
        _guest = settings.DefaultUser.ToUser();
    }

    /// <summary>Whether authentication is on (a type other than <c>none</c>).</summary>
    public bool IsEnabled => _enabled;

    /// <summary>Classifies a raw request path. Undecodable paths are guarded; paths with hidden separators are never exempt.</summary>
    public PathAccess Classify(string path)
    {
        var normalized = RequestPath.Normalize(path);
        if (normalized is null)
        {
            return PathAccess.Guarded;
        }

        // Outside the API only when every reading of the path is: a host or proxy that resolves dot
        // segments or escapes differently must not route "/api/x/%2e%2e/%2e%2e/y" to an API endpoint unguarded.
        if (!RequestPath.IsUnderNormalized(_prefix, normalized, orEqual: true) && !RequestPath.MayBeUnder(_prefix, path))
        {
            return PathAccess.Unguarded;
        }

        return _exempt.Contains(normalized) && !RequestPath.HasAmbiguousSeparators(path) ? PathAccess.Exempt : PathAccess.Guarded;
    }

    /// <summary>Decides on <paramref name="request"/>; validates the token (with the revocation check) when one is needed.</summary>
    public ValueTask<GateResult> AuthenticateAsync(GateRequest request, CancellationToken cancellationToken = default)
    {
        var access = Classify(request.Path);
        if (access != PathAccess.Guarded)
        {
            return ValueTask.FromResult(GateResult.Pass(access));
        }

        if (!_enabled)
        {
            return ValueTask.FromResult(GateResult.Authenticated(_guest, null));
        }

        var token = ExtractToken(request, out var failure);
        return token is null
            ? ValueTask.FromResult(GateResult.Refused(failure!, tokenPresented: failure != GateFailures.MissingToken))
            : ValidateAsync(token, cancellationToken);
    }

    /// <summary>Finds the one token in the request, or the reason there is none usable.</summary>
    public static string? ExtractToken(GateRequest request, out string? failure)
    {
        failure = null;
        var headers = request.Authorization;
        var queries = request.QueryToken;
        if (headers.Count > 1 || queries.Count > 1)
        {
            failure = GateFailures.MultipleTokens;
            return null;
        }

        var hasHeader = headers.Count == 1 && !StringValues.IsNullOrEmpty(headers);
        var hasQuery = queries.Count == 1;
        if (hasHeader && hasQuery)
        {
            failure = GateFailures.AmbiguousToken;
            return null;
        }

        if (hasQuery)
        {
            if (!request.IsWebSocketUpgrade)
            {
                failure = GateFailures.QueryTokenNotAllowed;
                return null;
            }

            var fromQuery = queries[0];
            if (string.IsNullOrEmpty(fromQuery))
            {
                failure = GateFailures.MissingToken;
                return null;
            }

            return fromQuery;
        }

        if (!hasHeader)
        {
            failure = GateFailures.MissingToken;
            return null;
        }

        var header = headers[0]!;
        const string scheme = "Bearer ";
        if (header.Length <= scheme.Length || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            failure = GateFailures.InvalidAuthorizationHeader;
            return null;
        }

        var token = header.AsSpan(scheme.Length).Trim(' ');
        if (token.IsEmpty || token.Contains(' '))
        {
            failure = GateFailures.InvalidAuthorizationHeader;
            return null;
        }

        return token.Length == header.Length - scheme.Length ? header[scheme.Length..] : token.ToString();
    }

    private async ValueTask<GateResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var result = await _tokens.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        return result.IsValid
            ? GateResult.Authenticated(result.User, result)
            : GateResult.Refused(result.ReasonCode!, tokenPresented: true);
    }
}
