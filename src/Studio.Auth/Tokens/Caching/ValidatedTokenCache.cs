using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Diagnostics.CodeAnalysis;

namespace Studio.Auth.Tokens;

/// <summary>
/// Tokens that passed full validation, keyed by their exact text, so a repeat presentation skips
/// decoding, JSON and HMAC. It holds only the <see cref="TokenValidationResult"/> (reused as is);
/// the caller still checks the clock and the revocation set on every hit. The number of entries
/// never exceeds the capacity: when full, expired entries are dropped first, then an arbitrary
/// eighth of the rest. Lookups are lock-free and allocate nothing.
/// </summary>
internal sealed class ValidatedTokenCache
{
    private readonly ConcurrentDictionary<string, TokenValidationResult> _entries = new(TokenTextComparer.Instance);
    private readonly ConcurrentDictionary<string, TokenValidationResult>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Lock _sweep = new();

    // Slots reserved: always >= the entries held, and only briefly (while a reservation is undone) above the capacity.
    private int _reserved;

    /// <param name="capacity">The most tokens held; 0 disables the cache.</param>
    public ValidatedTokenCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The most tokens held; 0 when the cache is off.</summary>
    public int Capacity { get; }

    /// <summary>The number of tokens held now.</summary>
    public int Count => _entries.Count;

    /// <summary>Finds the result of an earlier full validation of exactly this token text.</summary>
    public bool TryGet([NotNullWhen(true)] string? token, [NotNullWhen(true)] out TokenValidationResult? result)
    {
        if (Capacity == 0 || token is null)
        {
            result = null;
            return false;
        }

        return _entries.TryGetValue(token, out result);
    }

    /// <summary>
    /// Finds the cached text of a token known only as characters in a larger string (the <c>Authorization</c>
    /// header), so a host can validate it without copying it out first.
    /// </summary>
    public bool TryGetText(ReadOnlySpan<char> token, [NotNullWhen(true)] out string? text)
    {
        if (Capacity > 0 && _bySpan.TryGetValue(token, out text, out _))
        {
            return true;
        }

        text = null;
        return false;
    }

    /// <summary>
    /// Remembers a fully validated token. Does nothing when the cache is off or has no room that a
    /// sweep could free right now (another thread is sweeping); the token is then simply validated again next time.
    /// </summary>
    /// <param name="token">The exact token text.</param>
    /// <param name="result">Its (valid) result.</param>
    /// <param name="expiredBefore">Entries whose <c>exp</c> is at or before this Unix time may be dropped to make room.</param>
    public void Add(string token, TokenValidationResult result, long expiredBefore)
    {
        if (Capacity == 0 || !result.IsValid)
        {
            return;
        }

        if (!TryReserve() && !(MakeRoom(expiredBefore) && TryReserve()))
        {
            return;
        }

        if (!_entries.TryAdd(token, result))
        {
            Interlocked.Decrement(ref _reserved);
        }
    }

    /// <summary>Forgets a token (it expired or was revoked).</summary>
    public void Remove(string token)
    {
        if (_entries.TryRemove(token, out _))
        {
            Interlocked.Decrement(ref _reserved);
        }
    }

    /// <summary>Forgets every token.</summary>
    public void Clear()
    {
        foreach (var token in _entries.Keys)
        {
            Remove(token);
        }
    }

    private bool TryReserve()
    {
        if (Interlocked.Increment(ref _reserved) <= Capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _reserved);
        return false;
    }

    // One thread sweeps at a time; the others skip caching meanwhile instead of waiting.
    private bool MakeRoom(long expiredBefore)
    {
        if (!_sweep.TryEnter())
        {
            return false;
        }

        try
        {
            var freed = 0;
            foreach (var (token, result) in _entries)
            {
                if (result.ExpiresAtUnix <= expiredBefore && _entries.TryRemove(new KeyValuePair<string, TokenValidationResult>(token, result)))
                {
                    Interlocked.Decrement(ref _reserved);
                    freed++;
                }
            }

            // Still full of live tokens (a flood of distinct ones): drop an arbitrary eighth, so sweeps stay rare.
            var target = Math.Max(1, Capacity / 8);
            foreach (var token in _entries.Keys)
            {
                if (freed >= target)
                {
                    break;
                }

                if (_entries.TryRemove(token, out _))
                {
                    Interlocked.Decrement(ref _reserved);
                    freed++;
                }
            }

            return freed > 0;
        }
        finally
        {
            _sweep.Exit();
        }
    }

    /// <summary>
    /// Ordinal equality on the whole token; the hash folds the last 8 characters, which in every
    /// cached (valid) token belong to its HMAC: unpredictable without the key, so entries spread
    /// evenly and nobody can aim a flood of lookups at one bucket's entries.
    /// </summary>
    /// <remarks>Also compares and hashes a token given as characters (<see cref="TryGetText"/>), exactly as its string.</remarks>
    private sealed class TokenTextComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
    {
        public static readonly TokenTextComparer Instance = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<char> alternate)
        {
            if (alternate.Length < 8)
            {
                return string.GetHashCode(alternate, StringComparison.Ordinal);
            }

            var tail = MemoryMarshal.Cast<char, ulong>(alternate[^8..]);
            var folded = tail[0] ^ BitOperations.RotateLeft(tail[1], 29);
            return (int)folded ^ (int)(folded >> 32);
        }

        public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();
    }
}
