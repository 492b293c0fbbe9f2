using System.Security.Cryptography;
using System.Text;
using Studio.Auth.Tokens;

namespace Studio.Auth.Login;

/// <summary>PKCE (RFC 7636) with the S256 method only, plus the random values the flow needs.</summary>
public static class Pkce
{
    /// <summary>The only challenge method used: <c>S256</c>.</summary>
    public const string ChallengeMethod = "S256";

    /// <summary>A new code verifier: 32 random bytes, base64url (43 characters, 256 bits).</summary>
    public static string CreateVerifier() => RandomToken();

    /// <summary>The S256 challenge of <paramref name="verifier"/>: base64url(SHA-256(ASCII(verifier))).</summary>
    public static string ChallengeOf(string verifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(verifier);
        return Base64UrlStrict.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>32 bytes from the system CSPRNG, base64url encoded.</summary>
    internal static string RandomToken() => Base64UrlStrict.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>base64url(SHA-256(UTF-8(value))): how states and browser bindings are stored.</summary>
    internal static string Hash(string value) => Base64UrlStrict.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
