using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Stores;

namespace Studio.Auth.Tokens;

/// <summary>
/// The default <see cref="ITokenService"/>: signs with <c>jwt_secret</c>, accepts
/// <c>previous_jwt_secrets</c> for validation (key rotation), and checks the revocation store on
/// every full validation. Time comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class TokenService : ITokenService
{
    private readonly JwtValidator _validator;
    private readonly IRevocationStore _revocations;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    /// <summary>Created by dependency injection from the validated options.</summary>
    public TokenService(IOptions<StudioAuthOptions> options, IRevocationStore revocations, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _revocations = revocations;
        _time = time;
        _lifetime = TimeSpan.FromMinutes(settings.TokenExpiryMinutes);

        // With auth off and no secret, guest tokens are signed with a key that lives as long as the process.
        var current = settings.JwtSecret is { Length: > 0 } secret
            ? SigningKey.FromSecret(secret)
            : new SigningKey(RandomNumberGenerator.GetBytes(32));
        var keys = new SigningKeyRing(current, settings.PreviousJwtSecrets.Select(SigningKey.FromSecret));
        var policy = new TokenPolicy(settings.Issuer, settings.Audience, TimeSpan.FromSeconds(settings.ClockSkewSeconds), _lifetime);
        _validator = new JwtValidator(keys, policy, time);
    }

    internal TokenService(JwtValidator validator, IRevocationStore revocations, TimeProvider time)
    {
        _validator = validator;
        _revocations = revocations;
        _time = time;
        _lifetime = TimeSpan.FromSeconds(validator.Policy.LifetimeSeconds);
    }

    /// <summary>The <c>kid</c> of the key new tokens are signed with.</summary>
    public string CurrentKeyId => _validator.Keys.Current.Id;

    /// <inheritdoc/>
    public IssuedToken Issue(StudioUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.Id);
        ArgumentException.ThrowIfNullOrEmpty(user.Provider);
        var issuedAt = _time.GetUtcNow().ToUnixTimeSeconds();
        var expiresAt = issuedAt + (long)_lifetime.TotalSeconds;
        var tokenId = Base64UrlStrict.Encode(RandomNumberGenerator.GetBytes(16));
        var token = JwtWriter.Write(_validator.Keys.Current, _validator.Policy, user, tokenId, issuedAt, expiresAt);
        return new IssuedToken(token, tokenId, DateTimeOffset.FromUnixTimeSeconds(issuedAt), DateTimeOffset.FromUnixTimeSeconds(expiresAt), user);
    }

    /// <inheritdoc/>
    public TokenValidationResult Validate(string? token) => _validator.Validate(token);

    /// <inheritdoc/>
    public async ValueTask<TokenValidationResult> ValidateAsync(string? token, CancellationToken cancellationToken = default)
    {
        var result = _validator.Validate(token);
        if (!result.IsValid)
        {
            return result;
        }

        var revoked = await _revocations.IsRevokedAsync(
            new RevocationCheck(result.TokenId, result.User.Provider, result.User.Id, result.IssuedAt), cancellationToken).ConfigureAwait(false);
        return revoked ? TokenValidationResult.Rejected(TokenRejection.Revoked) : result;
    }

    /// <inheritdoc/>
    public ValueTask RevokeAsync(TokenValidationResult token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.IsValid)
        {
            throw new ArgumentException("Only a validated token can be revoked.", nameof(token));
        }

        return _revocations.RevokeTokenAsync(token.TokenId, token.ExpiresAt, cancellationToken);
    }
}
