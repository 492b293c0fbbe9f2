using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Studio.Auth.Tokens;

/// <summary>
/// Writes compact HS256 JWTs: header <c>{"alg":"HS256","typ":"JWT","kid":...}</c> and Studio.Auth's claims
/// (<c>nbf</c> equals <c>iat</c>: a token is valid from the moment it is issued).
/// </summary>
internal static class JwtWriter
{
    public static string Write(SigningKey key, TokenPolicy policy, StudioUser user, string tokenId, long issuedAt, long expiresAt)
    {
        var payload = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteString("sub"u8, user.Id);
            json.WriteString("name"u8, user.Name);
            if (user.Email is null)
            {
                json.WriteNull("email"u8);
            }
            else
            {
                json.WriteString("email"u8, user.Email);
            }

            json.WriteString("provider"u8, user.Provider);
            json.WriteStartArray("roles"u8);
            foreach (var role in user.Roles)
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
            json.WriteNumber("iat"u8, issuedAt);
            json.WriteNumber("nbf"u8, issuedAt);
            json.WriteNumber("exp"u8, expiresAt);
            json.WriteString("jti"u8, tokenId);
            json.WriteString("iss"u8, policy.Issuer);
            json.WriteString("aud"u8, policy.Audience);
            json.WriteEndObject();
        }

        var signingInput = key.Header + "." + Base64UrlStrict.Encode(payload.WrittenSpan);
        Span<byte> signature = stackalloc byte[HmacSha256.MacBytes];
        HmacSha256.Compute(key, Encoding.ASCII.GetBytes(signingInput), signature);
        return signingInput + "." + Base64UrlStrict.Encode(signature);
    }
}
