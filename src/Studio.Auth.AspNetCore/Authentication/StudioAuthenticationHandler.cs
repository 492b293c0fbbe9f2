using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Studio.Auth.AspNetCore.Gate;
using Studio.Auth.AspNetCore.Http;
using Studio.Auth.AspNetCore.Sessions;
using Studio.Auth.Configuration;
using Studio.Auth.Gate;
using Studio.Auth.Tokens;

namespace Studio.Auth.AspNetCore.Authentication;

/// <summary>
/// The <c>StudioAuth</c> authentication scheme, so <c>[Authorize]</c>, <c>RequireAuthorization()</c>
/// and role policies work on the Studio user anywhere in the app. Under the API prefix it reuses the
/// gate's decision; elsewhere it reads the token the same way (Bearer header; <c>?token=</c> on
/// WebSocket handshakes only) and validates it with the same revocation check. With authentication
/// off every request is the guest. Challenges answer 401 with <c>WWW-Authenticate: Bearer</c>,
/// forbidden answers 403, both as <c>{"status":false,"detail":"..."}</c>.
/// </summary>
/// <remarks>
/// ASP.NET Core creates a handler for every request that authenticates, and under the API prefix that is
/// every request, so this one implements <see cref="IAuthenticationHandler"/> directly: no per-request
/// logger lookup, options resolution or layers of tasks from <c>AuthenticationHandler&lt;TOptions&gt;</c>,
/// whose extension points (events, forwarding) the scheme never offered. The result is computed once per request.
/// </remarks>
internal sealed class StudioAuthenticationHandler(
    RequestGate gate,
    ITokenService tokens,
    StudioSessionMonitor monitor,
    IOptions<StudioAuthOptions> studioOptions) : IAuthenticationHandler
{
    private AuthenticationScheme _scheme = null!;
    private HttpContext _context = null!;
    private Task<AuthenticateResult>? _result;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(context);
        _scheme = scheme;
        _context = context;
        return Task.CompletedTask;
    }

    public Task<AuthenticateResult> AuthenticateAsync() => _result ??= AuthenticateOnceAsync();

    public async Task ChallengeAsync(AuthenticationProperties? properties)
    {
        string? reason;
        try
        {
            reason = (await AuthenticateAsync().ConfigureAwait(false)).Failure?.Message;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            reason = "invalid_token"; // a broken store never grants access, and its message stays out of the answer
        }

        await AuthResponses.WriteUnauthorizedAsync(_context, reason ?? GateFailures.MissingToken, tokenPresented: reason is not null).ConfigureAwait(false);
    }

    public Task ForbidAsync(AuthenticationProperties? properties) =>
        AuthResponses.WriteErrorAsync(_context, StatusCodes.Status403Forbidden, AuthResponses.Forbidden);

    private Task<AuthenticateResult> AuthenticateOnceAsync()
    {
        if (_context.Features.Get<StudioAuthFeature>() is { } existing)
        {
            return Task.FromResult(Success(existing));
        }

        if (!gate.IsEnabled)
        {
            return Task.FromResult(Success(StudioAuthFeature.Set(_context, studioOptions.Value.DefaultUser.ToUser(), null, default, monitor)));
        }

        var gateRequest = HttpGateRequests.Read(_context, _context.Request.Path.Value ?? "/", WebSocketRequests.IsUpgrade(_context));
        var token = RequestGate.ExtractToken(gateRequest, out var failure);
        if (token is null)
        {
            return Task.FromResult(failure == GateFailures.MissingToken ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(failure!));
        }

        return ValidateAsync(token, gateRequest);
    }

    private async Task<AuthenticateResult> ValidateAsync(string token, GateRequest gateRequest)
    {
        var result = await tokens.ValidateAsync(token, _context.RequestAborted).ConfigureAwait(false);
        return result.IsValid
            ? Success(StudioAuthFeature.Set(_context, result.User, result, gateRequest, monitor))
            : AuthenticateResult.Fail(result.ReasonCode!);
    }

    private AuthenticateResult Success(StudioAuthFeature feature) =>
        AuthenticateResult.Success(new AuthenticationTicket(feature.Principal, _scheme.Name));
}
