using System.Text;

namespace Studio.Auth.Tokens;

/// <summary>What a valid token must satisfy beyond its signature.</summary>
internal sealed class TokenPolicy
{
    public TokenPolicy(string issuer, string audience, TimeSpan clockSkew, TimeSpan lifetime)
    {
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
}
