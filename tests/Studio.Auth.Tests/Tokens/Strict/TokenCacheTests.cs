using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Studio.Auth.Configuration;
using Studio.Auth.Stores;
using Studio.Auth.Tests.Tokens.Strict.Fuzzing;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>
/// The validated-token cache: a repeat presentation skips parsing and HMAC, yet the clock and the
/// revocation set are checked on every hit; only fully validated tokens enter; the size cap holds;
/// a change of keys empties it.
/// </summary>
public class TokenCacheTests
{
    [Test]
    public async Task A_repeat_validation_returns_the_remembered_result_synchronously()
    {
        var bench = TokenBench.Create();
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        var first = await bench.Service.ValidateAsync(token);
        var again = bench.Service.ValidateAsync(token);

        Assert.That(again.IsCompletedSuccessfully, Is.True);
        Assert.That(await again, Is.SameAs(first), "no new parse: the same result object");
        Assert.That(bench.Service.Validate(token), Is.SameAs(first));
        Assert.That(bench.Service.Engine.Cache.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task A_cached_hit_allocates_nothing()
    {
        var bench = TokenBench.Create();
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        await bench.Service.ValidateAsync(token);
        for (var i = 0; i < 1000; i++)
        {
            _ = await bench.Service.ValidateAsync(token);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            var pending = bench.Service.ValidateAsync(token);
            if (!pending.IsCompletedSuccessfully || !pending.GetAwaiter().GetResult().IsValid)
            {
                Assert.Fail("a cached hit must complete synchronously and stay valid");
            }
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public async Task A_cached_token_is_found_by_its_characters_inside_a_larger_string()
    {
        var bench = TokenBench.Create();
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        var header = "Bearer " + token;
        Assert.That(bench.Service.FindCachedText(header.AsSpan(7)), Is.Null, "not validated yet");

        await bench.Service.ValidateAsync(token);
        Assert.That(bench.Service.FindCachedText(header.AsSpan(7)), Is.SameAs(token), "the cached text itself, not a copy");
        Assert.That(bench.Service.FindCachedText(header.AsSpan(7, token.Length - 1)), Is.Null, "a prefix is another token");
    }

    [Test]
    public async Task With_the_cache_off_no_token_is_found_by_its_characters()
    {
        var bench = TokenBench.Create(o => o.TokenCacheSize = 0);
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        await bench.Service.ValidateAsync(token);
        Assert.That(bench.Service.FindCachedText(token), Is.Null);
    }

    [Test]
    public async Task A_cached_token_revoked_afterwards_is_refused_on_the_next_request()
    {
        var bench = TokenBench.Create();
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        var result = await bench.Service.ValidateAsync(token);
        Assert.That(bench.Service.Engine.Cache.Count, Is.EqualTo(1));

        await bench.Service.RevokeAsync(result);
        Assert.That(await bench.ReasonAsync(token), Is.EqualTo(TokenRejection.Revoked));
        Assert.That(bench.Service.Engine.Cache.Count, Is.Zero, "a revoked token leaves the cache");
    }

    [Test]
    public async Task A_cached_token_of_a_user_disabled_afterwards_is_refused_on_the_next_request()
    {
        var bench = TokenBench.Create();
        await bench.Users.UpsertAsync(TokenBench.Ada, bench.Time.GetUtcNow());
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        await bench.Service.ValidateAsync(token);

        await bench.UserManager.DisableAsync("github", "42");
        Assert.That(await bench.ReasonAsync(token), Is.EqualTo(TokenRejection.Revoked));
    }

    [Test]
    public async Task A_cached_token_that_expired_is_refused_on_the_next_request()
    {
        var bench = TokenBench.Create(o => o.TokenExpiryMinutes = 1);
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        await bench.Service.ValidateAsync(token);

        bench.Time.Advance(TimeSpan.FromSeconds(60 + 30 - 1));
        Assert.That(await bench.ReasonAsync(token), Is.EqualTo(TokenRejection.None), "still inside the skew");
        bench.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await bench.ReasonAsync(token), Is.EqualTo(TokenRejection.Expired));
        Assert.That(bench.Service.Validate(token).Rejection, Is.EqualTo(TokenRejection.Expired));
        Assert.That(bench.Service.Engine.Cache.Count, Is.Zero);
    }

    [Test]
    public async Task A_cached_hit_checks_iat_and_nbf_against_a_clock_that_went_back()
    {
        var clock = new SettableClock(TokenBench.Start);
        var options = new StudioAuthOptions { Type = "github", JwtSecret = TokenBench.Secret };
        using var service = new TokenService(Options.Create(options), new InMemoryRevocationStore(clock), clock);
        var now = TokenBench.Start.ToUnixTimeSeconds();
        var issued = JwsText.SignSegments(
            JwsText.Base64Url($$"""{"alg":"HS256","kid":"{{service.CurrentKeyId}}"}"""),
            JwsText.Base64Url($$"""{"sub":"41","provider":"github","jti":"i1","iss":"studio-auth","aud":"studio-auth","iat":{{now}},"exp":{{now + 600}}}"""),
            System.Text.Encoding.UTF8.GetBytes(TokenBench.Secret));
        var withNbf = JwsText.SignSegments(
            JwsText.Base64Url($$"""{"alg":"HS256","kid":"{{service.CurrentKeyId}}"}"""),
            JwsText.Base64Url($$"""{"sub":"42","provider":"github","jti":"n1","iss":"studio-auth","aud":"studio-auth","iat":{{now - 60}},"nbf":{{now}},"exp":{{now + 600}}}"""),
            System.Text.Encoding.UTF8.GetBytes(TokenBench.Secret));
        Assert.That((await service.ValidateAsync(issued)).IsValid, Is.True);
        Assert.That((await service.ValidateAsync(withNbf)).IsValid, Is.True);
        Assert.That(service.Engine.Cache.Count, Is.EqualTo(2));

        clock.Now = TokenBench.Start.AddMinutes(-2);
        Assert.That((await service.ValidateAsync(issued)).Rejection, Is.EqualTo(TokenRejection.IssuedInFuture));
        Assert.That((await service.ValidateAsync(withNbf)).Rejection, Is.EqualTo(TokenRejection.NotYetValid));
        clock.Now = TokenBench.Start;
        Assert.That((await service.ValidateAsync(issued)).IsValid, Is.True);
    }

    [Test]
    public async Task Only_fully_validated_tokens_enter()
    {
        var bench = TokenBench.Create();
        var valid = bench.Service.Issue(TokenBench.Ada).Token;
        var badSignature = valid[..^2] + (valid[^2] == 'A' ? "B" : "A") + valid[^1];
        var expired = bench.Sign(bench.Header(), bench.Claims().Set("exp", "1").ToJson());
        var revoked = bench.Service.Issue(TokenBench.Ada with { Id = "7" }).Token;
        await bench.UserManager.SignOutEverywhereAsync("github", "7");

        foreach (var token in new[] { badSignature, expired, revoked, "", "x.y.z" })
        {
            Assert.That((await bench.Service.ValidateAsync(token)).IsValid, Is.False);
        }

        Assert.That(bench.Service.Validate(valid).IsValid, Is.True, "the synchronous form skips revocation, so it does not fill the cache");
        Assert.That(bench.Service.Engine.Cache.Count, Is.Zero);
        await bench.Service.ValidateAsync(valid);
        Assert.That(bench.Service.Engine.Cache.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task The_size_cap_holds_under_a_flood_of_distinct_valid_tokens()
    {
        var bench = TokenBench.Create(o => o.TokenCacheSize = 100);
        for (var i = 0; i < 2_000; i++)
        {
            var result = await bench.Service.ValidateAsync(bench.Service.Issue(TokenBench.Ada).Token);
            Assert.That(result.IsValid, Is.True);
            Assert.That(bench.Service.Engine.Cache.Count, Is.LessThanOrEqualTo(100));
        }

        Assert.That(bench.Service.Engine.Cache.Count, Is.GreaterThan(50), "the cache keeps being used while flooded");
    }

    [Test]
    public void The_size_cap_holds_under_a_parallel_flood()
    {
        var bench = TokenBench.Create(o => o.TokenCacheSize = 64);
        var tokens = Enumerable.Range(0, 4_000).Select(i => bench.Service.Issue(TokenBench.Ada with { Id = "u" + i }).Token).ToArray();
        int peak = 0, refused = 0;
        Parallel.For(0, tokens.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (!bench.Service.ValidateAsync(tokens[i]).AsTask().Result.IsValid || !bench.Service.ValidateAsync(tokens[i / 2]).AsTask().Result.IsValid)
            {
                Interlocked.Increment(ref refused);
            }

            InterlockedMax(ref peak, bench.Service.Engine.Cache.Count);
        });

        Assert.That(refused, Is.Zero);
        Assert.That(peak, Is.LessThanOrEqualTo(64));
    }

    [Test]
    public async Task Expired_entries_are_dropped_first_when_the_cache_is_full()
    {
        var bench = TokenBench.Create(o => o.TokenCacheSize = 10);
        var early = Enumerable.Range(0, 10).Select(_ => bench.Service.Issue(TokenBench.Ada).Token).ToArray();
        foreach (var token in early)
        {
            await bench.Service.ValidateAsync(token);
        }

        bench.Time.Advance(TimeSpan.FromMinutes(61));
        var late = bench.Service.Issue(TokenBench.Ada).Token;
        await bench.Service.ValidateAsync(late);
        Assert.That(bench.Service.Engine.Cache.Count, Is.EqualTo(1));
        var cached = await bench.Service.ValidateAsync(late);
        Assert.That(await bench.Service.ValidateAsync(late), Is.SameAs(cached));
    }

    [Test]
    public async Task Token_cache_size_zero_turns_the_cache_off()
    {
        var bench = TokenBench.Create(o => o.TokenCacheSize = 0);
        var token = bench.Service.Issue(TokenBench.Ada).Token;
        var first = await bench.Service.ValidateAsync(token);
        var second = await bench.Service.ValidateAsync(token);
        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(second.IsValid, Is.True);
        Assert.That(bench.Service.Engine.Cache.Count, Is.Zero);
    }

    [Test]
    public void Token_cache_size_is_validated_and_defaults_to_ten_thousand()
    {
        Assert.That(new StudioAuthOptions().TokenCacheSize, Is.EqualTo(10_000));
        var services = new ServiceCollection().AddLogging();
        services.AddStudioAuth(o =>
        {
            o.Type = "none";
            o.TokenCacheSize = -1;
        });
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<AuthConfigException>(() => _ = provider.GetRequiredService<IOptions<StudioAuthOptions>>().Value);
        Assert.That(error!.Problems.Select(p => p.Key), Does.Contain("token_cache_size"));
    }

    [Test]
    public void Token_cache_size_is_read_from_auth_yaml()
    {
        var path = Path.Combine(Path.GetTempPath(), $"auth-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"type: none\njwt_secret: {TokenBench.Secret}\ntoken_cache_size: 5\n");
        try
        {
            var services = new ServiceCollection().AddLogging();
            services.AddStudioAuth().UseYamlFile(path);
            using var provider = services.BuildServiceProvider();
            var tokens = (TokenService)provider.GetRequiredService<ITokenService>();
            Assert.That(tokens.Engine.Cache.Capacity, Is.EqualTo(5));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Rotating_the_signing_key_empties_the_cache()
    {
        const string next = "next-secret-Hq5Wm2Zt8Rv1Xb7Nc4Ks0Jd3Lf6Pg9";
        var time = new FakeTimeProvider(TokenBench.Start);
        var monitor = new ChangingOptions(new StudioAuthOptions { Type = "github", JwtSecret = TokenBench.Secret });
        using var service = new TokenService(Options.Create(monitor.CurrentValue), new InMemoryRevocationStore(time), time, monitor);
        var oldToken = service.Issue(TokenBench.Ada).Token;
        var oldResult = await service.ValidateAsync(oldToken);
        Assert.That(service.Engine.Cache.Count, Is.EqualTo(1));

        // An unrelated change keeps the cache.
        monitor.Change(new StudioAuthOptions { Type = "github", JwtSecret = TokenBench.Secret, ExcludePaths = ["/api/public"] });
        Assert.That(service.Engine.Cache.Count, Is.EqualTo(1));

        // Rotation: the old key stays accepted as a previous key, but nothing is served from the old cache.
        monitor.Change(new StudioAuthOptions { Type = "github", JwtSecret = next, PreviousJwtSecrets = [TokenBench.Secret] });
        Assert.That(service.Engine.Cache.Count, Is.Zero);
        var revalidated = await service.ValidateAsync(oldToken);
        Assert.That(revalidated.IsValid, Is.True);
        Assert.That(revalidated, Is.Not.SameAs(oldResult), "validated again under the new key ring");
        Assert.That(service.Issue(TokenBench.Ada).Token, Does.Not.Contain(oldToken.Split('.')[0]), "new tokens name the new key");

        // Dropping the old key: its tokens are refused at once, cached or not.
        monitor.Change(new StudioAuthOptions { Type = "github", JwtSecret = next });
        Assert.That((await service.ValidateAsync(oldToken)).Rejection, Is.EqualTo(TokenRejection.UnknownKey));
    }

    [Test]
    public async Task Dependency_injection_builds_a_service_that_follows_option_changes()
    {
        var services = new ServiceCollection().AddLogging();
        var secret = TokenBench.Secret;
        services.AddStudioAuth(o =>
        {
            o.Type = "none";
            o.JwtSecret = secret;
        });
        using var source = new ManualChangeTokenSource();
        services.AddSingleton<IOptionsChangeTokenSource<StudioAuthOptions>>(source);
        await using var provider = services.BuildServiceProvider();
        var tokens = (TokenService)provider.GetRequiredService<ITokenService>();
        var token = tokens.Issue(TokenBench.Ada).Token;
        await tokens.ValidateAsync(token);
        Assert.That(tokens.Engine.Cache.Count, Is.EqualTo(1));

        secret = "rotated-secret-Bw4Xk9Pq2Ly7Ht1Zm6Rc3Vn8Dg5";
        source.Fire();
        Assert.That(tokens.Engine.Cache.Count, Is.Zero);
        Assert.That((await tokens.ValidateAsync(token)).Rejection, Is.EqualTo(TokenRejection.UnknownKey), "its kid names a key no longer configured");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class ChangingOptions(StudioAuthOptions initial) : IOptionsMonitor<StudioAuthOptions>
    {
        private readonly List<Action<StudioAuthOptions, string?>> _listeners = [];

        public StudioAuthOptions CurrentValue { get; private set; } = initial;

        public StudioAuthOptions Get(string? name) => CurrentValue;

        public IDisposable OnChange(Action<StudioAuthOptions, string?> listener)
        {
            _listeners.Add(listener);
            return new Unsubscribe(() => _listeners.Remove(listener));
        }

        public void Change(StudioAuthOptions options)
        {
            CurrentValue = options;
            foreach (var listener in _listeners.ToArray())
            {
                listener(options, Options.DefaultName);
            }
        }

        private sealed class Unsubscribe(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }

    private sealed class ManualChangeTokenSource : IOptionsChangeTokenSource<StudioAuthOptions>, IDisposable
    {
        private CancellationTokenSource _current = new();

        public string Name => Options.DefaultName;

        public Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => new Microsoft.Extensions.Primitives.CancellationChangeToken(_current.Token);

        public void Fire()
        {
            var previous = Interlocked.Exchange(ref _current, new CancellationTokenSource());
            previous.Cancel();
            previous.Dispose();
        }

        public void Dispose() => _current.Dispose();
    }
}
