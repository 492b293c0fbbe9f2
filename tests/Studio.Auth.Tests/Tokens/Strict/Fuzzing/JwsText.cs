using System.Security.Cryptography;
using System.Text;

namespace Studio.Auth.Tests.Tokens.Strict.Fuzzing;

/// <summary>Compact-JWS text helpers for forging test tokens (independent of the code under test).</summary>
internal static class JwsText
{
    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    /// <summary>Signs the segments exactly as given: the MAC covers the raw text, whatever it contains.</summary>
    public static string SignSegments(string headerSegment, string payloadSegment, byte[] key, HashAlgorithmName? algorithm = null)
    {
        var input = Encoding.UTF8.GetBytes(headerSegment + "." + payloadSegment);
        var mac = (algorithm ?? HashAlgorithmName.SHA256).Name switch
        {
            "SHA384" => HMACSHA384.HashData(key, input),
            "SHA512" => HMACSHA512.HashData(key, input),
            _ => HMACSHA256.HashData(key, input),
        };
        return headerSegment + "." + payloadSegment + "." + Base64Url(mac);
    }
}
