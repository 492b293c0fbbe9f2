using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Stores;

namespace Studio.Auth.Tokens;

/// <summary>
/// The default <see cref="ITokenService"/>: signs with <c>jwt_secret</c>, accepts
/// <c>previous_jwt_secrets</c> for validation (key rotation), and checks the revocation store on
/// every <see cref="ValidateAsync"/>. Tokens that passed full validation are remembered (up to
/// <c>token_cache_size</c>), so a repeat presentation skips decoding and HMAC but is still checked
/// against the clock and the revocation store. Time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class TokenService : ITokenService, IDisposable
{
    private readonly IRevocationStore _revocations;
    private readonly TimeProvider _time;
    private readonly IDisposable? _optionsSubscription;
    private readonly Lock _change = new();
    private TokenEngine _engine;

    /// <summary>Created by dependency injection from the validated options.</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="revocations">Revoked tokens and users, checked on every <see cref="ValidateAsync"/>.</param>
    /// <param name="time">The clock.</param>
    /// <param name="optionsMonitor">
    /// When given (dependency injection passes it), later changes to the options are followed: a new
    /// <c>jwt_secret</c> signs new tokens, the retired ones in <c>previous_jwt_secrets</c> keep validating, and
    /// the validated-token cache starts empty, so nothing validated under the old keys is served from it.
    /// </param>
    public TokenService(IOptions<StudioAuthOptions> options, IRevocationStore revocations, TimeProvider time, IOptionsMonitor<StudioAuthOptions>? optionsMonitor = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(revocations);
        ArgumentNullException.ThrowIfNull(time);
        _revocations = revocations;
        _time = time;
        _engine = TokenEngine.Create(options.Value, time);
        _optionsSubscription = optionsMonitor?.OnChange(OnOptionsChanged);
    }

    internal TokenService(JwtValidator validator, IRevocationStore revocations, TimeProvider time, int cacheSize = 0)
    {
        _revocations = revocations;
        _time = time;
        _engine = TokenEngine.Create(validator, cacheSize);
    }

    /// <summary>The <c>kid</c> of the key new tokens are signed with.</summary>
    public string CurrentKeyId => Engine.Keys.Current.Id;

    /// <summary>The current keys, policy, validator and cache.</summary>
    internal TokenEngine Engine => Volatile.Read(ref _engine);

    /// <inheritdoc/>
    public IssuedToken Issue(StudioUser user)
    {
        TokenClaimLimits.EnsureFits(user);
        var engine = Engine;
        var issuedAt = _time.GetUtcNow().ToUnixTimeSeconds();
        var expiresAt = issuedAt + engine.Policy.LifetimeSeconds;
        var tokenId = Base64UrlStrict.Encode(RandomNumberGenerator.GetBytes(16));
        var token = JwtWriter.Write(engine.Keys.Current, engine.Policy, user, tokenId, issuedAt, expiresAt);
        return new IssuedToken(token, tokenId, DateTimeOffset.FromUnixTimeSeconds(issuedAt), DateTimeOffset.FromUnixTimeSeconds(expiresAt), user);
    }

    /// <inheritdoc/>
    public TokenValidationResult Validate(string? token)
    {
        var engine = Engine;
        return engine.Cache.TryGet(token, out var cached)
            ? CheckCachedTime(engine, token, cached)
            : engine.Validator.Validate(token);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A token seen before completes synchronously without allocating (with a revocation store that
    /// answers from memory, as the built-in ones do).
    /// </remarks>
    public ValueTask<TokenValidationResult> ValidateAsync(string? token, CancellationToken cancellationToken = default)
    {
        var engine = Engine;
        bool cached;
        TokenValidationResult result;
        if (engine.Cache.TryGet(token, out var hit))
        {
            cached = true;
            result = CheckCachedTime(engine, token, hit);
        }
        else
        {
            cached = false;
            result = engine.Validator.Validate(token);
        }

        if (!result.IsValid)
        {
            return new ValueTask<TokenValidationResult>(result);
        }

        var revoked = _revocations.IsRevokedAsync(new RevocationCheck(result.TokenId, result.User.Provider, result.User.Id, result.IssuedAt), cancellationToken);
        return revoked.IsCompletedSuccessfully
            ? new ValueTask<TokenValidationResult>(Conclude(engine, token!, result, cached, revoked.Result))
            : ConcludeAsync(engine, token!, result, cached, revoked);
    }

    /// <summary>
    /// The text of a token this service validated before and still remembers, found from its characters
    /// alone: the request gate uses it to avoid copying the token out of the <c>Authorization</c> header on
    /// every request. Null when the token is not cached; the caller then validates a copy as usual.
    /// </summary>
    internal string? FindCachedText(ReadOnlySpan<char> token) => Engine.Cache.TryGetText(token, out var text) ? text : null;

    /// <inheritdoc/>
    public ValueTask RevokeAsync(TokenValidationResult token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.IsValid)
        {
            throw new ArgumentException("Only a validated token can be revoked.", nameof(token));
        }

        // The validator accepts a token until exp + clock skew, so the revocation must outlive that too: kept only
        // until exp, a purge inside the skew window would make a signed-out token valid again for up to the skew.
        var keepUntil = token.ExpiresAt.AddSeconds(Engine.Policy.ClockSkewSeconds + 1);
        return _revocations.RevokeTokenAsync(token.TokenId, keepUntil, cancellationToken);
    }

    /// <summary>Stops following option changes.</summary>
    public void Dispose() => _optionsSubscription?.Dispose();

    // A cache hit skips parsing and HMAC, never the clock: the same checks as full validation.
    private TokenValidationResult CheckCachedTime(TokenEngine engine, string token, TokenValidationResult cached)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var rejection = engine.Policy.CheckTime(cached.ExpiresAtUnix, cached.NotBeforeUnix, cached.IssuedAtUnix, now);
        if (rejection == TokenRejection.None)
        {
            return cached;
        }

        if (rejection == TokenRejection.Expired)
        {
            engine.Cache.Remove(token);
        }

        return TokenValidationResult.Rejected(rejection);
    }

    private TokenValidationResult Conclude(TokenEngine engine, string token, TokenValidationResult result, bool cached, bool revoked)
    {
        if (revoked)
        {
            if (cached)
            {
                engine.Cache.Remove(token);
            }

            return TokenValidationResult.Rejected(TokenRejection.Revoked);
        }

        if (!cached && engine.Cache.Capacity > 0)
        {
            engine.Cache.Add(token, result, _time.GetUtcNow().ToUnixTimeSeconds() - engine.Policy.ClockSkewSeconds);
        }

        return result;
    }

    private async ValueTask<TokenValidationResult> ConcludeAsync(TokenEngine engine, string token, TokenValidationResult result, bool cached, ValueTask<bool> revoked) =>
        Conclude(engine, token, result, cached, await revoked.ConfigureAwait(false));

    private void OnOptionsChanged(StudioAuthOptions options, string? name)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return;
        }

        lock (_change)
        {
            var current = Engine;
            if (current.IsBuiltFrom(options))
            {
                return;
            }

            Volatile.Write(ref _engine, TokenEngine.Create(options, _time));
            current.Cache.Clear();
        }
    }
}
