using System.Security.Cryptography;
using System.Text;

namespace Studio.Auth.Tests.Support;

/// <summary>Builds and takes apart compact JWTs independently of the code under test.</summary>
internal static class Jwt
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string segment)
    {
        var text = segment.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(text + new string('=', (4 - (text.Length % 4)) % 4));
    }

    /// <summary>An HS256-signed token with exactly this header and payload JSON.</summary>
    public static string Sign(string headerJson, string payloadJson, string secret)
    {
        var input = Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Encode(Encoding.UTF8.GetBytes(payloadJson));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(input));
        return input + "." + Encode(mac);
    }

    public static string HeaderJson(string token) => Encoding.UTF8.GetString(Decode(token.Split('.')[0]));

    public static string PayloadJson(string token) => Encoding.UTF8.GetString(Decode(token.Split('.')[1]));
}
