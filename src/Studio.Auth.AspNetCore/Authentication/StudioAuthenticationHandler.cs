using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
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
internal sealed class StudioAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    RequestGate gate,
    ITokenService tokens,
    StudioSessionMonitor monitor,
    IOptions<StudioAuthOptions> studioOptions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.Features.Get<StudioAuthFeature>() is { } existing)
        {
            return Success(existing);
        }

        if (!gate.IsEnabled)
        {
            return Success(StudioAuthFeature.Set(Context, studioOptions.Value.DefaultUser.ToUser(), null, null, monitor));
        }

        var request = Request;
        var gateRequest = new GateRequest(
            request.Method,
            request.Path.Value ?? "/",
            request.Headers.Authorization,
            request.Query[StudioAuthDefaults.TokenQueryParameter],
            WebSocketRequests.IsUpgrade(Context));
        var token = RequestGate.ExtractToken(gateRequest, out var failure);
        if (token is null)
        {
            return failure == GateFailures.MissingToken ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(failure!);
        }

        var result = await tokens.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        return result.IsValid
            ? Success(StudioAuthFeature.Set(Context, result.User, result, token, monitor))
            : AuthenticateResult.Fail(result.ReasonCode!);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var reason = result.Failure?.Message;
        await AuthResponses.WriteUnauthorizedAsync(Context, reason ?? GateFailures.MissingToken, tokenPresented: reason is not null).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthResponses.WriteErrorAsync(Context, StatusCodes.Status403Forbidden, AuthResponses.Forbidden);

    private AuthenticateResult Success(StudioAuthFeature feature) =>
        AuthenticateResult.Success(new AuthenticationTicket(feature.Principal, Scheme.Name));
}
