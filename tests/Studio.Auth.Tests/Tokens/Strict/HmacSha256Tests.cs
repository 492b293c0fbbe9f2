using System.Security.Cryptography;
using System.Text;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>The per-thread keyed HMAC gives exactly HMACSHA256's answer, across keys, evictions and threads.</summary>
public class HmacSha256Tests
{
    [Test]
    public void Matches_the_framework_one_shot_for_many_keys_and_lengths()
    {
        var keys = Enumerable.Range(0, 7).Select(i => new SigningKey(Encoding.UTF8.GetBytes($"key-{i}-Lr7Tq2Vx9Bn4Mk1Zs6Wd3Hc8Pf5Jg0Ya"))).ToArray();
        var random = new Random(7);
        Span<byte> mac = stackalloc byte[HmacSha256.MacBytes];
        for (var round = 0; round < 500; round++)
        {
            // More keys than a thread keeps, in a random order, so entries are evicted and rebuilt.
            var key = keys[random.Next(keys.Length)];
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            HmacSha256.Compute(key, data, mac);
            Assert.That(mac.ToArray(), Is.EqualTo(HMACSHA256.HashData(key.Key, data)), $"round {round}");
        }
    }

    [Test]
    public void Matches_the_framework_one_shot_on_parallel_threads()
    {
        var keys = Enumerable.Range(0, 3).Select(i => new SigningKey(Encoding.UTF8.GetBytes($"parallel-{i}-Lr7Tq2Vx9Bn4Mk1Zs6Wd3Hc8Pf5Jg0Ya"))).ToArray();
        var mismatches = 0;
        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var key = keys[i % keys.Length];
            var data = BitConverter.GetBytes(i);
            Span<byte> mac = stackalloc byte[HmacSha256.MacBytes];
            HmacSha256.Compute(key, data, mac);
            if (!mac.SequenceEqual(HMACSHA256.HashData(key.Key, data)))
            {
                Interlocked.Increment(ref mismatches);
            }
        });
        Assert.That(mismatches, Is.Zero);
    }
}
