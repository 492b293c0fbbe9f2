using System.Buffers;
using System.Text.Json;

namespace Studio.Auth.Tokens;

/// <summary>The one header Studio.Auth writes, per key: <c>{"alg":"HS256","typ":"JWT","kid":"..."}</c>.</summary>
internal static class JwtHeader
{
    /// <summary>
    /// The base64url header segment for the key named <paramref name="keyId"/>. A token whose first
    /// segment is exactly this text has a valid header naming that key, so reading it can skip the
    /// decoding and the JSON (same verdict, fewer steps).
    /// </summary>
    public static string Canonical(string keyId)
    {
        var header = new ArrayBufferWriter<byte>(64);
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteString("alg"u8, "HS256"u8);
            json.WriteString("typ"u8, "JWT"u8);
            json.WriteString("kid"u8, keyId);
            json.WriteEndObject();
        }

        return Base64UrlStrict.Encode(header.WrittenSpan);
    }
}
