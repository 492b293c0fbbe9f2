using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Studio.Auth.Tokens;

/// <summary>
/// Validates compact HS256 JWTs more strictly than the stock .NET handlers, in two layers:
/// <list type="number">
/// <item>the signature layer (<see cref="VerifySignature"/>): exactly three strict base64url segments,
/// a duplicate-free header with only <c>alg</c> = <c>HS256</c>, <c>typ</c> = <c>JWT</c> and a <c>kid</c>
/// naming a configured key, then HMAC-SHA256 over the raw <c>header.payload</c> bytes compared in
/// constant time;</item>
/// <item>the token layer (<see cref="Validate"/>): only once the MAC matched, the payload is read as
/// one duplicate-free UTF-8 JSON object and its claims are checked (integer times, skew, lifetime,
/// issuer, audience, subject, roles).</item>
/// </list>
/// Never throws on bad input; every refusal carries a <see cref="TokenRejection"/>.
/// </summary>
internal sealed class JwtValidator(SigningKeyRing keys, TokenPolicy policy, TimeProvider time)
{
    /// <summary>Longer tokens are refused before any decoding.</summary>
    public const int MaxTokenLength = 8 * 1024;

    // Tokens up to this length are decoded on the stack; longer ones (rare) in a pooled array.
    private const int StackTokenLength = 1024;

    public SigningKeyRing Keys => keys;

    public TokenPolicy Policy => policy;

    /// <summary>Full validation: the signature layer, then the payload and its claims.</summary>
    public TokenValidationResult Validate(string? token)
    {
        var size = CheckSize(token);
        if (size != TokenRejection.None)
        {
            return TokenValidationResult.Rejected(size);
        }

        byte[]? rented = null;
        var buffer = token!.Length <= StackTokenLength
            ? stackalloc byte[token.Length * 2]
            : (rented = ArrayPool<byte>.Shared.Rent(token.Length * 2));
        try
        {
            var signature = Verify(token, buffer, out var payload, out var key);
            return signature == TokenRejection.None
                ? ReadClaims(payload, key!)
                : TokenValidationResult.Rejected(signature);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The signature layer alone (a compact JWS, RFC 7515): syntax, header and MAC. The payload is
    /// checked only for strict base64url, not read as JSON. <see cref="TokenRejection.None"/> when the MAC matches.
    /// </summary>
    public TokenRejection VerifySignature(string? token)
    {
        var size = CheckSize(token);
        if (size != TokenRejection.None)
        {
            return size;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(token!.Length * 2);
        try
        {
            return Verify(token, buffer, out _, out _);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static TokenRejection CheckSize(string? token) =>
        string.IsNullOrEmpty(token) ? TokenRejection.Malformed
        : token.Length > MaxTokenLength ? TokenRejection.TooLarge
        : TokenRejection.None;

    // buffer holds at least 2 * token.Length bytes: [signing input as ASCII][header][payload][signature].
    private TokenRejection Verify(string token, Span<byte> buffer, out Span<byte> payload, out SigningKey? key)
    {
        payload = default;
        key = null;
        var span = token.AsSpan();
        var firstDot = span.IndexOf('.');
        if (firstDot <= 0)
        {
            return TokenRejection.Malformed;
        }

        var secondDot = span[(firstDot + 1)..].IndexOf('.') + firstDot + 1;
        if (secondDot <= firstDot + 1 || span[(secondDot + 1)..].Contains('.'))
        {
            return TokenRejection.Malformed;
        }

        var signingInput = buffer[..secondDot];
        var scratch = buffer[secondDot..];
        var keyIndex = FindCanonicalHeader(span[..firstDot]);
        if (keyIndex < 0)
        {
            // Any other header: strict base64url, UTF-8, one duplicate-free JSON object with only the allowed members.
            if (!Base64UrlStrict.TryDecode(span[..firstDot], scratch, out var headerLength)
                || !Utf8.IsValid(scratch[..headerLength]))
            {
                return TokenRejection.Malformed;
            }

            var headerResult = JwtJsonReader.ReadHeader(scratch[..headerLength], keys.All, out keyIndex);
            if (headerResult != TokenRejection.None)
            {
                return headerResult;
            }

            if (keyIndex == JwtJsonReader.UnknownKey)
            {
                return TokenRejection.UnknownKey;
            }
        }

        if (!Base64UrlStrict.TryDecode(span[(firstDot + 1)..secondDot], scratch, out var payloadLength))
        {
            return TokenRejection.Malformed;
        }

        payload = scratch[..payloadLength];
        scratch = scratch[payloadLength..];
        if (!Base64UrlStrict.TryDecode(span[(secondDot + 1)..], scratch, out var signatureLength))
        {
            return TokenRejection.Malformed;
        }

        // Every character of the signing input was just checked to be base64url, so this is exact.
        Encoding.ASCII.GetBytes(span[..secondDot], signingInput);
        key = FindSigner(signingInput, scratch[..signatureLength], keyIndex);
        return key is null ? TokenRejection.BadSignature : TokenRejection.None;
    }

    // The index of the key whose canonical header segment this is exactly, or -1.
    private int FindCanonicalHeader(ReadOnlySpan<char> header)
    {
        var all = keys.All;
        for (var i = 0; i < all.Length; i++)
        {
            if (header.SequenceEqual(all[i].Header))
            {
                return i;
            }
        }

        return -1;
    }

    // The key whose MAC matches, or null. With a kid only that key is tried; without one, each configured key.
    private SigningKey? FindSigner(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature, int keyIndex)
    {
        if (signature.Length != HmacSha256.MacBytes)
        {
            return null;
        }

        Span<byte> expected = stackalloc byte[HmacSha256.MacBytes];
        var candidates = keys.All;
        var first = keyIndex >= 0 ? keyIndex : 0;
        var last = keyIndex >= 0 ? keyIndex : candidates.Length - 1;
        for (var i = first; i <= last; i++)
        {
            HmacSha256.Compute(candidates[i], signingInput, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, signature))
            {
                return candidates[i];
            }
        }

        return null;
    }

    // Runs only after the MAC matched: nothing in the payload is read before.
    private TokenValidationResult ReadClaims(ReadOnlySpan<byte> payload, SigningKey key)
    {
        if (!Utf8.IsValid(payload))
        {
            return TokenValidationResult.Rejected(TokenRejection.Malformed);
        }

        var payloadResult = JwtJsonReader.ReadPayload(payload, policy, out var claims);
        return payloadResult != TokenRejection.None
            ? TokenValidationResult.Rejected(payloadResult)
            : CheckClaims(ref claims, key);
    }

    private TokenValidationResult CheckClaims(ref JwtClaims claims, SigningKey key)
    {
        if (claims.HasInvalidClaim)
        {
            return TokenValidationResult.Rejected(TokenRejection.InvalidClaim);
        }

        if (!claims.HasExpires)
        {
            return TokenValidationResult.Rejected(TokenRejection.MissingClaim);
        }

        // The clock first, so an old token is reported as expired whatever else it lacks.
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var timeResult = policy.CheckTime(claims.Expires, claims.HasNotBefore ? claims.NotBefore : 0, claims.HasIssuedAt ? claims.IssuedAt : 0, now);
        if (timeResult != TokenRejection.None)
        {
            return TokenValidationResult.Rejected(timeResult);
        }

        // iat is required: it bounds the lifetime and decides whether a "sign out everywhere" covers the token.
        if (!claims.HasIssuedAt)
        {
            return TokenValidationResult.Rejected(TokenRejection.MissingClaim);
        }

        // A token must expire after it was issued and after it becomes valid: exp <= iat or exp <= nbf is never
        // written by an issuer, and would otherwise pass inside the skew (Microsoft's handler refuses nbf > exp too).
        if (claims.Expires <= claims.IssuedAt || (claims.HasNotBefore && claims.Expires <= claims.NotBefore))
        {
            return TokenValidationResult.Rejected(TokenRejection.InvalidClaim);
        }

        if (claims.Expires - claims.IssuedAt > policy.LifetimeSeconds)
        {
            return TokenValidationResult.Rejected(TokenRejection.LifetimeTooLong);
        }

        if (claims.HasIssuer && !claims.IssuerMatches)
        {
            return TokenValidationResult.Rejected(TokenRejection.WrongIssuer);
        }

        if (claims.HasAudience && !claims.AudienceMatches)
        {
            return TokenValidationResult.Rejected(TokenRejection.WrongAudience);
        }

        if (!claims.HasIssuer || !claims.HasAudience || claims.Subject is null || claims.Provider is null || claims.TokenId is null)
        {
            return TokenValidationResult.Rejected(TokenRejection.MissingClaim);
        }

        var user = new StudioUser(claims.Subject, claims.Name ?? claims.Subject, claims.Email, null, claims.Provider, claims.Roles ?? JwtJsonReader.UserOnly);
        return new TokenValidationResult(user, claims.TokenId, claims.IssuedAt, claims.HasNotBefore ? claims.NotBefore : 0, claims.Expires, key.Id);
    }
}
