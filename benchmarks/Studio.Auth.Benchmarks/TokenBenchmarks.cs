using System.IdentityModel.Tokens.Jwt;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Studio.Auth.Configuration;
using Studio.Auth.Stores;
using Studio.Auth.Tokens;
using OurResult = Studio.Auth.Tokens.TokenValidationResult;

namespace Studio.Auth.Benchmarks;

/// <summary>
/// One token, one key, five ways: issue; validate cold (cache off, full validation and the
/// revocation check); validate cached (a repeat presentation); Microsoft.IdentityModel's
/// <see cref="JsonWebTokenHandler"/> and <see cref="JwtSecurityTokenHandler"/> with equivalent strict
/// parameters (HS256 only, same key, issuer, audience, 30 s skew, typ JWT, expiry required).
/// </summary>
public class TokenBenchmarks
{
    internal const string Secret = "bench-secret-Vq8Mz3Lx6Tn1Wk4Rb9Hc2Pf7Jd5Gs0Ya";

    private static readonly StudioUser User = new("583231", "The Octocat", "octocat@github.com", null, "github", [StudioUser.UserRole]);

    private TokenService _cached = null!;
    private TokenService _cold = null!;
    private string _token = null!;
    private TokenValidationParameters _parameters = null!;
    private JsonWebTokenHandler _jsonWebTokenHandler = null!;
    private JwtSecurityTokenHandler _jwtSecurityTokenHandler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cached = Service(cacheSize: 10_000);
        _cold = Service(cacheSize: 0);
        _token = _cached.Issue(User).Token;
        _parameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)) { KeyId = _cached.CurrentKeyId },
            ValidIssuer = "studio-auth",
            ValidAudience = "studio-auth",
            ValidTypes = ["JWT"],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
        };
        _jsonWebTokenHandler = new JsonWebTokenHandler { MapInboundClaims = false };
        _jwtSecurityTokenHandler = new JwtSecurityTokenHandler { MapInboundClaims = false };

        // Every contender must accept the token, or the comparison is void.
        Require(_cold.ValidateAsync(_token).AsTask().Result.IsValid, "cold");
        Require(ValidateCached().IsValid, "cached");
        Require(_jsonWebTokenHandler.ValidateTokenAsync(_token, _parameters).Result.IsValid, nameof(JsonWebTokenHandler));
        Require(_jwtSecurityTokenHandler.ValidateToken(_token, _parameters, out _) is not null, nameof(JwtSecurityTokenHandler));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cached.Dispose();
        _cold.Dispose();
    }

    [Benchmark(Description = "Studio.Auth issue")]
    public string Issue() => _cached.Issue(User).Token;

    [Benchmark(Description = "Studio.Auth validate cold")]
    public OurResult ValidateCold() => Completed(_cold.ValidateAsync(_token));

    [Benchmark(Description = "Studio.Auth validate cached")]
    public OurResult ValidateCached() => Completed(_cached.ValidateAsync(_token));

    [Benchmark(Baseline = true, Description = "JsonWebTokenHandler.ValidateTokenAsync")]
    public Task<Microsoft.IdentityModel.Tokens.TokenValidationResult> JsonWebTokenHandlerValidate() =>
        _jsonWebTokenHandler.ValidateTokenAsync(_token, _parameters);

    [Benchmark(Description = "JwtSecurityTokenHandler.ValidateToken")]
    public System.Security.Claims.ClaimsPrincipal JwtSecurityTokenHandlerValidate() =>
        _jwtSecurityTokenHandler.ValidateToken(_token, _parameters, out _);

    private static TokenService Service(int cacheSize)
    {
        var options = new StudioAuthOptions { Type = "github", JwtSecret = Secret, TokenCacheSize = cacheSize, ClockSkewSeconds = 30 };
        return new TokenService(Options.Create(options), new InMemoryRevocationStore(TimeProvider.System), TimeProvider.System);
    }

    // The in-memory revocation store answers synchronously, so these complete at once.
    private static OurResult Completed(ValueTask<OurResult> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{what} refused the benchmark token.");
        }
    }
}
