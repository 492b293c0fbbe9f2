using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Studio.Auth.Configuration;
using Studio.Auth.Stores;
using Studio.Auth.Tokens;
using OurResult = Studio.Auth.Tokens.TokenValidationResult;

namespace Studio.Auth.Tests.Tokens.Strict.Fuzzing;

/// <summary>
/// Differential fuzzing: every mutation goes through our <see cref="TokenService"/> (the full
/// per-request path, cache included) and, when ours accepts it, through Microsoft.IdentityModel's
/// <see cref="JsonWebTokenHandler"/> pinned to HS256 with the same key, skew, issuer and audience.
/// A failure is ours throwing, or ours accepting a token the stock handler refuses.
/// </summary>
internal sealed class DifferentialFuzzer : IDisposable
{
    public const string Secret = "fuzz-secret-Lr7Tq2Vx9Bn4Mk1Zs6Wd3Hc8Pf5Jg0Ya";
    private const int ClockSkewSeconds = 30;
    private const int ClockRefreshInterval = 20_000;

    private readonly FakeTimeProvider _time;
    private readonly TokenService _ours;
    private readonly JsonWebTokenHandler _microsoft = new();
    private readonly TokenValidationParameters _parameters;
    private readonly TokenMutator _mutator;

    public DifferentialFuzzer(int seed)
    {
        // Our clock follows the real one (read by the stock handler), refreshed as the run goes.
        _time = new FakeTimeProvider(RealNow());
        var options = new StudioAuthOptions { Type = "github", JwtSecret = Secret, ClockSkewSeconds = ClockSkewSeconds, TokenExpiryMinutes = 60 };
        _ours = new TokenService(Options.Create(options), new InMemoryRevocationStore(_time), _time);
        var key = Encoding.UTF8.GetBytes(Secret);
        _parameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = new SymmetricSecurityKey(key) { KeyId = _ours.CurrentKeyId },
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            ClockSkew = TimeSpan.FromSeconds(ClockSkewSeconds),
        };
        _mutator = new TokenMutator(seed, key, _ours.CurrentKeyId, _time.GetUtcNow().ToUnixTimeSeconds());
    }

    /// <summary>Runs <paramref name="count"/> mutations; <paramref name="progress"/> is called every 100,000.</summary>
    public FuzzReport Run(long count, Action<FuzzReport>? progress = null)
    {
        var report = new FuzzReport();
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < count; i++)
        {
            if (i % ClockRefreshInterval == 0 && i > 0)
            {
                RefreshClock();
            }

            var (kind, token) = _mutator.Next();
            Check(kind, token, report);
            if (progress is not null && (i + 1) % 100_000 == 0)
            {
                report.Elapsed = clock.Elapsed;
                progress(report);
            }
        }

        report.Elapsed = clock.Elapsed;
        return report;
    }

    public void Dispose() => _ours.Dispose();

    private void Check(string kind, string token, FuzzReport report)
    {
        OurResult ours;
        try
        {
            var pending = _ours.ValidateAsync(token);
            ours = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // Any exception is the finding.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            report.Record(kind, null, microsoftAccepts: null);
            report.Fail($"ours threw {ex.GetType().Name}: {ex.Message}", kind, token);
            return;
        }

        bool? microsoftAccepts = null;
        if (ours.IsValid || report.ShouldSampleRefusal())
        {
            microsoftAccepts = _microsoft.ValidateTokenAsync(token, _parameters).GetAwaiter().GetResult().IsValid;
            if (ours.IsValid && microsoftAccepts == false)
            {
                report.Fail("ours accepted a token JsonWebTokenHandler refuses", kind, token);
            }
        }

        report.Record(kind, ours.IsValid ? null : ours.ReasonCode, microsoftAccepts);
    }

    private void RefreshClock()
    {
        var now = RealNow();
        if (now > _time.GetUtcNow())
        {
            _time.SetUtcNow(now);
        }

        _mutator.SetNow(_time.GetUtcNow().ToUnixTimeSeconds());
    }

    private static DateTimeOffset RealNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
