using System.Security.Cryptography;
using System.Text;

namespace Studio.Auth.Tokens;

/// <summary>
/// An HS256 key and its <c>kid</c>. Studio.Auth's own keys are named by a fingerprint (HMAC of a fixed
/// label under the key, truncated), never a name or a path, so the header reveals nothing and a
/// <c>kid</c> can only select among configured keys.
/// </summary>
internal sealed class SigningKey
{
    /// <summary>RFC 7518 §3.2: an HS256 key is at least as long as the hash output.</summary>
    public const int MinimumKeyBytes = 32;

    private static readonly byte[] KeyIdLabel = "studio-auth key id v1"u8.ToArray();

    /// <summary>A key named by its fingerprint.</summary>
    public SigningKey(byte[] key)
        : this(key, Fingerprint(key))
    {
    }

    /// <summary>A key with an explicit <c>kid</c> (a key published elsewhere under its own name, such as a JWK).</summary>
    public SigningKey(byte[] key, string id)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"An HS256 key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        Key = key;
        Id = id;
        IdUtf8 = Encoding.UTF8.GetBytes(id);
        Header = JwtHeader.Canonical(id);
    }

    /// <summary>The raw key bytes.</summary>
    public byte[] Key { get; }

    /// <summary>The <c>kid</c> written in headers and matched when reading them.</summary>
    public string Id { get; }

    /// <summary><see cref="Id"/> as UTF-8, for allocation-free comparison while reading a header.</summary>
    public byte[] IdUtf8 { get; }

    /// <summary>The header segment Studio.Auth writes for this key (base64url of <c>{"alg":"HS256","typ":"JWT","kid":...}</c>).</summary>
    public string Header { get; }

    /// <summary>A key from a configured secret (its UTF-8 bytes, as AutoGen Studio uses it).</summary>
    public static SigningKey FromSecret(string secret) => new(Encoding.UTF8.GetBytes(secret));

    private static string Fingerprint(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> fingerprint = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, KeyIdLabel, fingerprint);
        return Base64UrlStrict.Encode(fingerprint[..12]);
    }
}
