using System.Security.Cryptography;
using Studio.Auth.Configuration;

namespace Studio.Auth.Tokens;

/// <summary>
/// One generation of the token settings: the key ring, the policy, the validator and the
/// validated-token cache that belongs to them. When the keys or the policy change, a new engine
/// (with an empty cache) replaces the old one, so no token is ever served from a cache filled
/// under other keys.
/// </summary>
internal sealed class TokenEngine
{
    private readonly Settings _settings;

    private TokenEngine(Settings settings, JwtValidator validator, ValidatedTokenCache cache)
    {
        _settings = settings;
        Validator = validator;
        Cache = cache;
    }

    public JwtValidator Validator { get; }

    public ValidatedTokenCache Cache { get; }

    public TokenPolicy Policy => Validator.Policy;

    public SigningKeyRing Keys => Validator.Keys;

    public static TokenEngine Create(StudioAuthOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = Settings.From(options);

        // With auth off and no secret, guest tokens are signed with a key that lives as long as the process.
        var current = options.JwtSecret is { Length: > 0 } secret
            ? SigningKey.FromSecret(secret)
            : new SigningKey(RandomNumberGenerator.GetBytes(SigningKey.MinimumKeyBytes));
        var keys = new SigningKeyRing(current, options.PreviousJwtSecrets.Select(SigningKey.FromSecret));
        var policy = new TokenPolicy(options.Issuer, options.Audience, TimeSpan.FromSeconds(options.ClockSkewSeconds), TimeSpan.FromMinutes(options.TokenExpiryMinutes));
        return new TokenEngine(settings, new JwtValidator(keys, policy, time), new ValidatedTokenCache(options.TokenCacheSize));
    }

    public static TokenEngine Create(JwtValidator validator, int cacheSize) =>
        new(default, validator, new ValidatedTokenCache(cacheSize));

    /// <summary>Whether <paramref name="options"/> would build the same engine (same secrets, policy and cache size).</summary>
    public bool IsBuiltFrom(StudioAuthOptions options) => _settings == Settings.From(options);

    private readonly record struct Settings(string? Secret, string PreviousSecrets, string Issuer, string Audience, int ClockSkewSeconds, int TokenExpiryMinutes, int CacheSize)
    {
        public static Settings From(StudioAuthOptions options) => new(
            options.JwtSecret,
            string.Join('\n', options.PreviousJwtSecrets),
            options.Issuer,
            options.Audience,
            options.ClockSkewSeconds,
            options.TokenExpiryMinutes,
            options.TokenCacheSize);

        // Holds secrets: never printed.
        public override string ToString() => nameof(Settings);
    }
}
