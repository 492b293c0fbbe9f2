using System.Text;

namespace Studio.Auth.Tokens;

/// <summary>What a valid token must satisfy beyond its signature: issuer, audience, clock skew and lifetime.</summary>
internal sealed class TokenPolicy
{
    /// <summary>The largest clock skew accepted (seconds).</summary>
    public const int MaxClockSkewSeconds = 60;

    public TokenPolicy(string issuer, string audience, TimeSpan clockSkew, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        if (clockSkew < TimeSpan.Zero || clockSkew > TimeSpan.FromSeconds(MaxClockSkewSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(clockSkew), clockSkew, $"The clock skew must be between 0 and {MaxClockSkewSeconds} seconds.");
        }

        if (lifetime < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "The token lifetime must be at least one second.");
        }

        Issuer = issuer;
        Audience = audience;
        IssuerUtf8 = Encoding.UTF8.GetBytes(issuer);
        AudienceUtf8 = Encoding.UTF8.GetBytes(audience);
        ClockSkewSeconds = (long)clockSkew.TotalSeconds;
        LifetimeSeconds = (long)lifetime.TotalSeconds;
    }

    public string Issuer { get; }

    public string Audience { get; }

    public byte[] IssuerUtf8 { get; }

    public byte[] AudienceUtf8 { get; }

    public long ClockSkewSeconds { get; }

    /// <summary>The longest <c>exp - iat</c> accepted: the configured token lifetime.</summary>
    public long LifetimeSeconds { get; }

    /// <summary>
    /// The checks against the clock, shared by full validation and cache hits so both decide alike:
    /// <c>now &lt; exp + skew</c>, <c>nbf &lt;= now + skew</c>, <c>iat &lt;= now + skew</c>.
    /// </summary>
    /// <param name="expires"><c>exp</c>.</param>
    /// <param name="notBefore"><c>nbf</c>, or 0 when the token has none.</param>
    /// <param name="issuedAt"><c>iat</c>.</param>
    /// <param name="now">The current time in Unix seconds.</param>
    public TokenRejection CheckTime(long expires, long notBefore, long issuedAt, long now)
    {
        if (now >= expires + ClockSkewSeconds)
        {
            return TokenRejection.Expired;
        }

        if (notBefore > now + ClockSkewSeconds)
        {
            return TokenRejection.NotYetValid;
        }

        return issuedAt > now + ClockSkewSeconds ? TokenRejection.IssuedInFuture : TokenRejection.None;
    }
}
