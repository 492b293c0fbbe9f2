using System.Diagnostics.CodeAnalysis;
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

        if (!FindToken(request, out var token, out var text, out var failure))
        {
            return ValueTask.FromResult(GateResult.Refused(failure, tokenPresented: failure != GateFailures.MissingToken));
        }

        // A token from the Authorization header is a slice of the header; when the token service already
        // knows it, its cached text is used instead of a copy, so a repeat request allocates nothing for it.
        text ??= (_tokens as TokenService)?.FindCachedText(token) ?? token.ToString();
        return ValidateAsync(text, cancellationToken);
    }

    /// <summary>Finds the one token in the request, or the reason there is none usable.</summary>
    public static string? ExtractToken(GateRequest request, out string? failure) =>
        FindToken(request, out var token, out var text, out failure) ? text ?? token.ToString() : null;

    /// <summary>
    /// Finds the one token in the request as characters (and as a string too when it already is one: a query
    /// value), or the reason there is none usable.
    /// </summary>
    private static bool FindToken(GateRequest request, out ReadOnlySpan<char> token, out string? text, [NotNullWhen(false)] out string? failure)
    {
        token = default;
        text = null;
        failure = null;
        var headers = request.Authorization;
        var queries = request.QueryToken;
        if (headers.Count > 1 || queries.Count > 1)
        {
            failure = GateFailures.MultipleTokens;
            return false;
        }

        var hasHeader = headers.Count == 1 && !StringValues.IsNullOrEmpty(headers);
        var hasQuery = queries.Count == 1;
        if (hasHeader && hasQuery)
        {
            failure = GateFailures.AmbiguousToken;
            return false;
        }

        if (hasQuery)
        {
            if (!request.IsWebSocketUpgrade)
            {
                failure = GateFailures.QueryTokenNotAllowed;
                return false;
            }

            var fromQuery = queries[0];
            if (string.IsNullOrEmpty(fromQuery))
            {
                failure = GateFailures.MissingToken;
                return false;
            }

            token = fromQuery;
            text = fromQuery;
            return true;
        }

        if (!hasHeader)
        {
            failure = GateFailures.MissingToken;
            return false;
        }

        var header = headers[0]!;
        const string scheme = "Bearer ";
        if (header.Length <= scheme.Length || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            failure = GateFailures.InvalidAuthorizationHeader;
            return false;
        }

        token = header.AsSpan(scheme.Length).Trim(' ');
        if (token.IsEmpty || token.Contains(' '))
        {
            failure = GateFailures.InvalidAuthorizationHeader;
            return false;
        }

        return true;
    }

    // Completes synchronously when the token service does (a cached token, an in-memory revocation store).
    private ValueTask<GateResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var pending = _tokens.ValidateAsync(token, cancellationToken);
        return pending.IsCompletedSuccessfully ? new ValueTask<GateResult>(Decide(pending.Result)) : DecideAsync(pending);
    }

    private static async ValueTask<GateResult> DecideAsync(ValueTask<TokenValidationResult> pending) => Decide(await pending.ConfigureAwait(false));

    private static GateResult Decide(TokenValidationResult result) =>
        result.IsValid
            ? GateResult.Authenticated(result.User, result)
            : GateResult.Refused(result.ReasonCode!, tokenPresented: true);
}
