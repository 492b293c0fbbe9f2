using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Studio.Auth.Stores;

namespace Studio.Auth.Stores.Benchmarks;

/// <summary>
/// Does a store slow down as it grows? A returning user's sign-in (the upsert) and the per-request
/// revocation check, with 1,000 and with 1,000,000 users and revoked tokens already stored.
/// The seeded databases are kept between runs (see <see cref="Seeding"/>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RuntimeMoniker.Net10_0, launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class StoreGrowthBenchmarks
{
    private ServiceProvider _provider = null!;
    private IUserStore _users = null!;
    private IRevocationStore _revocations = null!;
    private StudioUser[] _returning = null!;
    private RevocationCheck[] _checks = null!;
    private int _next;

    /// <summary>The users and revoked tokens already stored.</summary>
    [Params(1_000, 1_000_000)]
    public int Size { get; set; }

    /// <summary>Which store.</summary>
    [Params("InMemory", "Sqlite", "PostgreSql")]
    public string Store { get; set; } = "InMemory";

    [GlobalSetup]
    public void Setup()
    {
        var seeding = new Seeding(Store, Size);
        seeding.EnsureSeededAsync().GetAwaiter().GetResult();
        _provider = seeding.StartHostAsync().GetAwaiter().GetResult();
        _users = _provider.GetRequiredService<IUserStore>();
        _revocations = _provider.GetRequiredService<IRevocationStore>();
        if (Store == "InMemory")
        {
            Seeding.SeedInMemoryAsync(_users, _revocations, Size).GetAwaiter().GetResult();
        }

        var random = new Random(42);
        _returning = Enumerable.Range(0, 1024).Select(_ => Seeding.User(random.Next(Size))).ToArray();

        // Half revoked tokens (hits), half valid ones (misses), users spread over the whole table.
        _checks = Enumerable.Range(0, 1024).Select(i =>
        {
            var n = random.Next(Size);
            return new RevocationCheck(i % 2 == 0 ? Seeding.TokenId(n) : "valid-" + n, "github", n.ToString(System.Globalization.CultureInfo.InvariantCulture), Seeding.Now);
        }).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var hosted in _provider.GetServices<IHostedService>())
        {
            hosted.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        _provider.Dispose();
    }

    /// <summary>A returning user signs in: profile updated, last sign-in recorded.</summary>
    [Benchmark]
    public Task<UserRecord> LoginUpsert() => _users.UpsertAsync(_returning[_next++ & 1023], DateTimeOffset.UtcNow);

    /// <summary>What every request does after validating a token.</summary>
    [Benchmark]
    public ValueTask<bool> RevocationCheck() => _revocations.IsRevokedAsync(_checks[_next++ & 1023]);
}
