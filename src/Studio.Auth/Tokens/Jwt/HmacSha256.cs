using System.Security.Cryptography;

namespace Studio.Auth.Tokens;

/// <summary>
/// HMAC-SHA256 with the key schedule kept per thread: each thread holds a keyed
/// <see cref="IncrementalHash"/> for the last few keys it used, so a MAC costs the hashing of the
/// input and not the key setup (which with OpenSSL 3 is more than half of a one-shot HMAC of a token).
/// </summary>
internal static class HmacSha256
{
    public const int MacBytes = HMACSHA256.HashSizeInBytes;

    // Current key, previous keys: a ring rarely holds more; beyond that the least recent is dropped.
    private const int KeysPerThread = 4;

    [ThreadStatic]
    private static Entry[]? t_entries;

    /// <summary>Writes the MAC of <paramref name="data"/> under <paramref name="key"/> into <paramref name="mac"/> (32 bytes).</summary>
    public static void Compute(SigningKey key, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        var hash = For(key);
        hash.AppendData(data);
        if (!hash.TryGetHashAndReset(mac, out var written) || written != MacBytes)
        {
            throw new CryptographicException("HMAC-SHA256 did not produce 32 bytes.");
        }
    }

    private static IncrementalHash For(SigningKey key)
    {
        var entries = t_entries ??= new Entry[KeysPerThread];
        for (var i = 0; i < entries.Length; i++)
        {
            if (ReferenceEquals(entries[i].Key, key))
            {
                if (i > 0)
                {
                    // Most recently used first.
                    (entries[0], entries[i]) = (entries[i], entries[0]);
                }

                return entries[0].Hash!;
            }
        }

        entries[^1].Hash?.Dispose();
        Array.Copy(entries, 0, entries, 1, entries.Length - 1);
        entries[0] = new Entry(key, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Key));
        return entries[0].Hash!;
    }

    private record struct Entry(SigningKey? Key, IncrementalHash? Hash);
}
