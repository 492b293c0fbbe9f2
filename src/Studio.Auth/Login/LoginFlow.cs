using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Providers;
using Studio.Auth.Stores;
using Studio.Auth.Tokens;

namespace Studio.Auth.Login;

/// <summary>
/// The sign-in flow around every provider, host-agnostic. <see cref="BeginAsync"/> creates a
/// single-use state (256 random bits), a PKCE verifier and a browser binding, saves them and
/// returns the provider's URL. <see cref="CompleteAsync"/> takes the state once — refusing unknown,
/// expired, reused or other-browser states before the provider is called — then lets the provider
/// exchange the code, maps roles, stores the user and issues the token.
/// </summary>
public sealed partial class LoginFlow
{
    private const int StateLength = 43; // 32 bytes, base64url
    private const int MaxIdLength = 256;
    private const int MaxNameLength = 256;
    private const int MaxEmailLength = 254; // RFC 5321's longest address
    private const int MaxAvatarUrlLength = 2048;
    private const int MaxRoleLength = 128;
    private const int MaxRoles = 32;

    private readonly AuthProviders _providers;
    private readonly ILoginStateStore _states;
    private readonly IUserStore _users;
    private readonly ITokenService _tokens;
    private readonly StudioAuthOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LoginFlow> _logger;

    /// <summary>Created by dependency injection.</summary>
    public LoginFlow(
        AuthProviders providers,
        ILoginStateStore states,
        IUserStore users,
        ITokenService tokens,
        IOptions<StudioAuthOptions> options,
        TimeProvider time,
        ILogger<LoginFlow> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _providers = providers;
        _states = states;
        _users = users;
        _tokens = tokens;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Starts a sign-in with the configured provider.</summary>
    /// <param name="returnPath">Where to go afterwards; anything but a safe local path becomes <c>/</c>.</param>
    /// <param name="cancellationToken">Cancels the state store call.</param>
    public async Task<SignInStart> BeginAsync(string? returnPath, CancellationToken cancellationToken = default)
    {
        var provider = _providers.Active;
        var state = Pkce.RandomToken();
        var binding = Pkce.RandomToken();
        var verifier = provider.UsesPkce ? Pkce.CreateVerifier() : null;
        var expiresAt = _time.GetUtcNow().AddMinutes(_options.LoginStateMinutes);
        var pending = new LoginState(Pkce.Hash(state), provider.Type, verifier, Pkce.Hash(binding), ReturnPaths.Sanitize(returnPath), expiresAt);
        try
        {
            await _states.SaveAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            LogStoreUnavailable(_logger, "begin", ex.GetType().Name);
            return SignInStart.Failed(SignInFailures.StoreUnavailable);
        }

        var url = provider.BuildSignInUrl(new SignInUrlContext(state, verifier is null ? null : Pkce.ChallengeOf(verifier)));
        return SignInStart.Started(url, binding, expiresAt);
    }

    /// <summary>Completes a sign-in from the provider's callback.</summary>
    /// <param name="callback">The callback's code, state, provider error and the browser-binding cookie.</param>
    /// <param name="cancellationToken">Cancels store and provider calls.</param>
    public async Task<SignInResult> CompleteAsync(SignInCallback callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var result = await CompleteCoreAsync(callback, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            LogSignedIn(_logger, result.User.Provider, result.User.Id);
        }
        else
        {
            LogSignInFailed(_logger, result.FailureReason, result.FailureKind);
        }

        return result;
    }

    private async Task<SignInResult> CompleteCoreAsync(SignInCallback callback, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(callback.State))
        {
            return SignInResult.Failure(SignInFailures.MissingState, SignInFailureKind.BadRequest, "The callback has no state.");
        }

        if (callback.State.Length != StateLength || !IsBase64Url(callback.State))
        {
            return SignInResult.Failure(SignInFailures.InvalidState, SignInFailureKind.BadRequest, "The state is not one this server issued.");
        }

        LoginState? pending;
        try
        {
            pending = await _states.TakeAsync(Pkce.Hash(callback.State), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            LogStoreUnavailable(_logger, "complete", ex.GetType().Name);
            return SignInResult.Failure(SignInFailures.StoreUnavailable, SignInFailureKind.Unavailable, "Sign-in is unavailable; try again shortly.");
        }

        if (pending is null)
        {
            return SignInResult.Failure(SignInFailures.InvalidState, SignInFailureKind.BadRequest, "The sign-in is unknown or was already completed.");
        }

        if (pending.ExpiresAt <= _time.GetUtcNow())
        {
            return SignInResult.Failure(SignInFailures.StateExpired, SignInFailureKind.BadRequest, "The sign-in took too long; start again.", pending.ReturnPath);
        }

        if (string.IsNullOrEmpty(callback.BrowserBinding) || !FixedTimeEquals(Pkce.Hash(callback.BrowserBinding), pending.BrowserBindingHash))
        {
            return SignInResult.Failure(SignInFailures.BrowserMismatch, SignInFailureKind.BadRequest, "The sign-in was started in a different browser.");
        }

        if (!string.IsNullOrEmpty(callback.Error))
        {
            return SignInResult.Failure(SanitizeProviderError(callback.Error), SignInFailureKind.Denied, "The provider did not approve the sign-in.", pending.ReturnPath);
        }

        if (string.IsNullOrEmpty(callback.Code))
        {
            return SignInResult.Failure(SignInFailures.MissingCode, SignInFailureKind.BadRequest, "The callback has no code.", pending.ReturnPath);
        }

        var provider = _providers.Get(pending.Provider);
        if (provider is null)
        {
            return SignInResult.Failure(SignInFailures.ProviderUnknown, SignInFailureKind.BadRequest, "The sign-in was begun with a provider that is not configured.");
        }

        ExternalIdentityResult exchanged;
        try
        {
            exchanged = await provider.ExchangeCodeAsync(new CodeExchangeContext(callback.Code, pending.CodeVerifier), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogProviderThrew(_logger, provider.Type, ex.GetType().Name);
            return SignInResult.Failure(SignInFailures.ProviderError, SignInFailureKind.Unavailable, "The sign-in provider failed; try again shortly.", pending.ReturnPath);
        }

        if (!exchanged.Succeeded)
        {
            return SignInResult.Failure(exchanged.FailureReason, exchanged.FailureKind, exchanged.FailureDescription, pending.ReturnPath);
        }

        var user = ToUser(exchanged.Identity, provider.Type);
        if (user is null)
        {
            return SignInResult.Failure(SignInFailures.InvalidIdentity, SignInFailureKind.Denied, "The provider returned no usable identity.", pending.ReturnPath);
        }

        UserRecord record;
        try
        {
            record = await _users.UpsertAsync(user, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            LogStoreUnavailable(_logger, "user upsert", ex.GetType().Name);
            return SignInResult.Failure(SignInFailures.StoreUnavailable, SignInFailureKind.Unavailable, "Sign-in is unavailable; try again shortly.", pending.ReturnPath);
        }

        if (record.IsDisabled)
        {
            return SignInResult.Failure(SignInFailures.UserDisabled, SignInFailureKind.Denied, "This account is disabled.", pending.ReturnPath);
        }

        return SignInResult.Success(_tokens.Issue(record.User), pending.ReturnPath);
    }

    // Roles: everyone is "user"; the provider may map more; ids under "admins" get "admin".
    // Values a provider returns are bounded here, so a token can always be issued for the user:
    // an e-mail longer than any valid address is dropped, and so are over-long or surplus roles.
    private StudioUser? ToUser(ExternalIdentity identity, string providerType)
    {
        if (string.IsNullOrWhiteSpace(identity.Id) || identity.Id.Length > MaxIdLength || TokenClaimLimits.HasControlCharacters(identity.Id))
        {
            return null;
        }

        var roles = new List<string> { StudioUser.UserRole };
        if (_options.Admins.Any(a => a == identity.Id || a == providerType + ":" + identity.Id))
        {
            roles.Add(StudioUser.AdminRole);
        }

        roles.AddRange((identity.Roles ?? []).Where(r => !string.IsNullOrWhiteSpace(r) && r.Length <= MaxRoleLength && !TokenClaimLimits.HasControlCharacters(r)));

        var name = string.IsNullOrWhiteSpace(identity.Name) ? identity.UserName ?? identity.Id : identity.Name;
        return new StudioUser(
            identity.Id,
            Truncate(name, MaxNameLength),
            BoundedOrNull(identity.Email, MaxEmailLength),
            BoundedOrNull(identity.AvatarUrl, MaxAvatarUrlLength),
            providerType,
            roles.Distinct(StringComparer.Ordinal).Take(MaxRoles).ToArray());
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private static string? BoundedOrNull(string? value, int length) => string.IsNullOrWhiteSpace(value) || value.Length > length ? null : value;

    // Provider error codes (OAuth's "error" parameter) are echoed only when they look like codes.
    private static string SanitizeProviderError(string error) =>
        error.Length <= 64 && error.All(c => char.IsAsciiLetterLower(c) || c == '_') ? error : SignInFailures.ProviderError;

    private static bool IsBase64Url(string value) => value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    [LoggerMessage(1, LogLevel.Information, "Signed in {Provider} user {UserId}")]
    private static partial void LogSignedIn(ILogger logger, string provider, string userId);

    [LoggerMessage(2, LogLevel.Warning, "Sign-in failed: {Reason} ({Kind})")]
    private static partial void LogSignInFailed(ILogger logger, string reason, SignInFailureKind kind);

    [LoggerMessage(3, LogLevel.Error, "Sign-in provider {Provider} threw {ExceptionType}; treated as provider_error")]
    private static partial void LogProviderThrew(ILogger logger, string provider, string exceptionType);

    [LoggerMessage(4, LogLevel.Error, "Store unavailable during sign-in {Step}: {ExceptionType}")]
    private static partial void LogStoreUnavailable(ILogger logger, string step, string exceptionType);
}
