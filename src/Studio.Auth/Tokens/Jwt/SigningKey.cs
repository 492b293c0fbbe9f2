using System.Security.Cryptography;
using System.Text;

namespace Studio.Auth.Tokens;

/// <summary>
/// An HS256 key and its <c>kid</c>: a fingerprint of the key (HMAC of a fixed label under the key,
/// truncated), never a name or a path, so the header reveals nothing and can only select among
/// configured keys.
/// </summary>
internal sealed class SigningKey
{
    private static readonly byte[] KeyIdLabel = "studio-auth key id v1"u8.ToArray();

    public SigningKey(byte[] key)
    {
        Key = key;
        Span<byte> fingerprint = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, KeyIdLabel, fingerprint);
        Id = Base64UrlStrict.Encode(fingerprint[..12]);
        IdUtf8 = Encoding.ASCII.GetBytes(Id);
    }

    /// <summary>The raw key bytes.</summary>
    public byte[] Key { get; }

    /// <summary>The fingerprint written as <c>kid</c> (16 base64url characters).</summary>
    public string Id { get; }

    /// <summary><see cref="Id"/> as UTF-8, for allocation-free comparison while reading a header.</summary>
    public byte[] IdUtf8 { get; }

    /// <summary>A key from a configured secret (its UTF-8 bytes, as AutoGen Studio uses it).</summary>
    public static SigningKey FromSecret(string secret) => new(Encoding.UTF8.GetBytes(secret));
}

/// <summary>The current signing key first, then the retired keys still accepted for validation.</summary>
internal sealed class SigningKeyRing
{
    public SigningKeyRing(SigningKey current, IEnumerable<SigningKey> previous)
    {
        Current = current;
        All = [current, .. previous];
    }

    /// <summary>The key new tokens are signed with.</summary>
    public SigningKey Current { get; }

    /// <summary>Every key accepted for validation, current first.</summary>
    public SigningKey[] All { get; }
}
