using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Configuration;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Support;

/// <summary>A token service from AddStudioAuth on a fake clock, and forged tokens signed independently.</summary>
internal sealed class TokenHarness : IDisposable
{
    /// <summary>A whole second, so token times (whole seconds) match the clock exactly.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public TokenHarness(Action<StudioAuthOptions>? configure = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddStudioAuth(o =>
        {
            o.JwtSecret = TestSecrets.Current;
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
        Tokens = _services.GetRequiredService<ITokenService>();
        Revocations = _services.GetRequiredService<Studio.Auth.Stores.IRevocationStore>();
    }

    public Studio.Auth.Stores.IRevocationStore Revocations { get; }

    public FakeTimeProvider Time { get; }

    public ITokenService Tokens { get; }

    public string KeyId => ((TokenService)Tokens).CurrentKeyId;

    public static StudioUser User { get; } = new("583231", "The Octocat", "octocat@github.com", "https://avatars.example/1", "github", ["user", "admin"]);

    public long Now => Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The claims Studio.Auth writes, valid now; change them with <paramref name="edit"/>.</summary>
    public JsonObject Claims(Action<JsonObject>? edit = null)
    {
        var claims = new JsonObject
        {
            ["sub"] = "583231",
            ["name"] = "The Octocat",
            ["email"] = "octocat@github.com",
            ["provider"] = "github",
            ["roles"] = new JsonArray("user"),
            ["iat"] = Now,
            ["nbf"] = Now,
            ["exp"] = Now + 3600,
            ["jti"] = "forged-jti",
            ["iss"] = "studio-auth",
            ["aud"] = "studio-auth",
        };
        edit?.Invoke(claims);
        return claims;
    }

    /// <summary>A token with these claims, signed with <paramref name="secret"/>, and a kid for the current key unless <paramref name="header"/> says otherwise.</summary>
    public string Forge(JsonObject claims, string? header = null, string secret = TestSecrets.Current) =>
        Jwt.Sign(header ?? $$"""{"alg":"HS256","typ":"JWT","kid":"{{KeyId}}"}""", claims.ToJsonString(new JsonSerializerOptions { WriteIndented = false }), secret);

    public void Dispose() => _services.Dispose();
}
