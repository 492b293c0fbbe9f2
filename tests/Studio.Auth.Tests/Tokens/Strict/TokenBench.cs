using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Configuration;
using Studio.Auth.Stores;
using Studio.Auth.Tests.Tokens.Strict.Fuzzing;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>
/// A real <see cref="TokenService"/> on a fake clock, plus a forge that signs any header and payload
/// text with the service's own key, so a hostile token differs from a valid one only by its attack.
/// </summary>
public sealed class TokenBench
{
    /// <summary>64 bytes: long enough for Microsoft.IdentityModel to use it with HS384 and HS512 too.</summary>
    public const string Secret = "test-secret-8Yc2pQ7vX1mN4kR9sT6wZ3bH5jL0dFa1Gq8Ws4Ez6Rx2Tc9Yv3Ub7";
    public const string Issuer = "studio-auth";
    public const string Audience = "studio-auth";

    /// <summary>2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TokenBench(StudioAuthOptions options, DateTimeOffset start)
    {
        Options = options;
        Time = new FakeTimeProvider(start);
        Revocations = new InMemoryRevocationStore(Time);
        Users = new InMemoryUserStore();
        Service = new TokenService(Microsoft.Extensions.Options.Options.Create(options), Revocations, Time);
        UserManager = new StudioUserManager(Users, Revocations, Microsoft.Extensions.Options.Options.Create(options), Time);
    }

    public StudioAuthOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryRevocationStore Revocations { get; }

    public InMemoryUserStore Users { get; }

    public TokenService Service { get; }

    public StudioUserManager UserManager { get; }

    public byte[] Key => Encoding.UTF8.GetBytes(Options.JwtSecret!);

    public string KeyId => Service.CurrentKeyId;

    public long Now => Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The user every forged token is for.</summary>
    public static StudioUser Ada { get; } = new("42", "Ada Lovelace", "ada@example.com", null, "github", [StudioUser.UserRole]);

    /// <summary>A bench whose fake clock starts at <see cref="Start"/>.</summary>
    public static TokenBench Create(Action<StudioAuthOptions>? configure = null) => Create(Start, configure);

    /// <summary>
    /// A bench whose fake clock starts at the real time (whole seconds), for comparisons with
    /// Microsoft.IdentityModel, which reads the system clock.
    /// </summary>
    public static TokenBench CreateAtRealTime(Action<StudioAuthOptions>? configure = null) =>
        Create(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()), configure);

    private static TokenBench Create(DateTimeOffset start, Action<StudioAuthOptions>? configure)
    {
        var options = new StudioAuthOptions { Type = "github", JwtSecret = Secret, TokenExpiryMinutes = 60, ClockSkewSeconds = 30 };
        configure?.Invoke(options);
        return new TokenBench(options, start);
    }

    /// <summary>The header Studio.Auth writes, with this bench's kid.</summary>
    public string Header() => $$"""{"alg":"HS256","typ":"JWT","kid":"{{KeyId}}"}""";

    /// <summary>A valid payload's claims (issued now, one hour), to edit before signing.</summary>
    public JsonMembers Claims() => new JsonMembers()
        .Set("sub", "\"42\"")
        .Set("name", "\"Ada Lovelace\"")
        .Set("email", "\"ada@example.com\"")
        .Set("provider", "\"github\"")
        .Set("roles", "[\"user\"]")
        .Set("iat", Now.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Set("nbf", Now.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Set("exp", (Now + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Set("jti", "\"jti-0001\"")
        .Set("iss", $"\"{Issuer}\"")
        .Set("aud", $"\"{Audience}\"");

    /// <summary>A valid token forged from text (same shape as an issued one).</summary>
    public string ValidToken() => Sign(Header(), Claims().ToJson());

    /// <summary>Signs header and payload JSON text (as UTF-8) with the bench key.</summary>
    public string Sign(string headerJson, string payloadJson) => Sign(Encoding.UTF8.GetBytes(headerJson), Encoding.UTF8.GetBytes(payloadJson));

    /// <summary>Signs raw header and payload bytes with the bench key.</summary>
    public string Sign(byte[] header, byte[] payload) => SignSegments(Base64Url(header), Base64Url(payload));

    /// <summary>Signs the segments exactly as given (the MAC covers the raw text, whatever it contains).</summary>
    public string SignSegments(string headerSegment, string payloadSegment) => SignSegments(headerSegment, payloadSegment, Key);

    public static string SignSegments(string headerSegment, string payloadSegment, byte[] key, HashAlgorithmName? algorithm = null) =>
        JwsText.SignSegments(headerSegment, payloadSegment, key, algorithm);

    public static string Base64Url(byte[] bytes) => JwsText.Base64Url(bytes);

    public static string Base64Url(string text) => JwsText.Base64Url(text);

    /// <summary>The reason the service's full validation gives (<see cref="TokenRejection.None"/> when valid).</summary>
    public TokenRejection Reason(string? token) => Service.Validate(token).Rejection;

    public async Task<TokenRejection> ReasonAsync(string? token) => (await Service.ValidateAsync(token)).Rejection;
}
