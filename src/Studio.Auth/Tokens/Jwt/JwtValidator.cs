using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Studio.Auth.Tokens;

/// <summary>
/// Validates compact HS256 JWTs more strictly than the stock .NET handlers: exact segment syntax,
/// one duplicate-free JSON object per part, an allow-list of header members, the MAC over the raw
/// bytes compared in constant time before any claim is trusted, integer time claims, bounded
/// lifetime and skew, exact issuer and audience. Never throws on bad input.
/// </summary>
internal sealed class JwtValidator(SigningKeyRing keys, TokenPolicy policy, TimeProvider time)
{
    /// <summary>Longer tokens are refused before any decoding.</summary>
    public const int MaxTokenLength = 8 * 1024;

    private static readonly string[] DefaultRoles = [StudioUser.UserRole];

    public SigningKeyRing Keys => keys;

    public TokenPolicy Policy => policy;

    public TokenValidationResult Validate(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenValidationResult.Rejected(TokenRejection.Malformed);
        }

        if (token.Length > MaxTokenLength)
        {
            return TokenValidationResult.Rejected(TokenRejection.TooLarge);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(token.Length * 2);
        try
        {
            return Validate(token, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private TokenValidationResult Validate(string token, byte[] buffer)
    {
        var span = token.AsSpan();
        var firstDot = span.IndexOf('.');
        var secondDot = firstDot < 0 ? -1 : span[(firstDot + 1)..].IndexOf('.');
        if (firstDot <= 0 || secondDot <= 0)
        {
            return TokenValidationResult.Rejected(TokenRejection.Malformed);
        }

        secondDot += firstDot + 1;
        if (span[(secondDot + 1)..].Contains('.'))
        {
            return TokenValidationResult.Rejected(TokenRejection.Malformed);
        }

        // Layout of the rented buffer: [signing input as ASCII][header][payload][signature].
        var signingInputLength = secondDot;
        var bytes = buffer.AsSpan();
        var signingInput = bytes[..signingInputLength];
        var scratch = bytes[signingInputLength..];

        if (!Base64UrlStrict.TryDecode(span[..firstDot], scratch, out var headerLength)
            || !Utf8.IsValid(scratch[..headerLength]))
        {
            return TokenValidationResult.Rejected(TokenRejection.Malformed);
        }

        var header = scratch[..headerLength];
        scratch = scratch[headerLength..];
        var headerResult = JwtJsonReader.ReadHeader(header, keys.All, out var keyIndex);
        if (headerResult != TokenRejection.None)
        {
            return TokenValidationResult.Rejected(headerResult);
        }

        if (!Base64UrlStrict.TryDecode(span[(firstDot + 1)..secondDot], scratch, out var payloadLength)
            || !Utf8.IsValid(scratch[..payloadLength]))
        {
            return TokenValidationResult.Rejected(TokenRejection.Malformed);
        }

        var payload = scratch[..payloadLength];
        scratch = scratch[payloadLength..];
        var payloadResult = JwtJsonReader.ReadPayload(payload, policy, out var claims);
        if (payloadResult != TokenRejection.None)
        {
            return TokenValidationResult.Rejected(payloadResult);
        }

        if (keyIndex == -1)
        {
            return TokenValidationResult.Rejected(TokenRejection.UnknownKey);
        }

        if (!Base64UrlStrict.TryDecode(span[(secondDot + 1)..], scratch, out var signatureLength))
        {
            return TokenValidationResult.Rejected(TokenRejection.Malformed);
        }

        var signature = scratch[..signatureLength];
        Encoding.ASCII.GetBytes(span[..secondDot], signingInput);
        var key = VerifySignature(signingInput, signature, keyIndex);
        if (key is null)
        {
            return TokenValidationResult.Rejected(TokenRejection.BadSignature);
        }

        return CheckClaims(ref claims, key);
    }

    // Returns the key whose MAC matches, or null. With a kid only that key is tried; without, each configured key.
    private SigningKey? VerifySignature(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature, int keyIndex)
    {
        if (signature.Length != HMACSHA256.HashSizeInBytes)
        {
            return null;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var candidates = keys.All;
        var first = keyIndex >= 0 ? keyIndex : 0;
        var last = keyIndex >= 0 ? keyIndex : candidates.Length - 1;
        for (var i = first; i <= last; i++)
        {
            HMACSHA256.HashData(candidates[i].Key, signingInput, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, signature))
            {
                return candidates[i];
            }
        }

        return null;
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

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var skew = policy.ClockSkewSeconds;
        if (now >= claims.Expires + skew)
        {
            return TokenValidationResult.Rejected(TokenRejection.Expired);
        }

        if (claims.HasNotBefore && claims.NotBefore > now + skew)
        {
            return TokenValidationResult.Rejected(TokenRejection.NotYetValid);
        }

        if (claims.HasIssuedAt && claims.IssuedAt > now + skew)
        {
            return TokenValidationResult.Rejected(TokenRejection.IssuedInFuture);
        }

        var lifetimeStart = claims.HasIssuedAt ? claims.IssuedAt : now - skew;
        if (claims.Expires - lifetimeStart > policy.LifetimeSeconds)
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

        if (!claims.HasIssuer || !claims.HasAudience || string.IsNullOrEmpty(claims.Subject)
            || string.IsNullOrEmpty(claims.Provider) || string.IsNullOrEmpty(claims.TokenId))
        {
            return TokenValidationResult.Rejected(TokenRejection.MissingClaim);
        }

        var user = new StudioUser(claims.Subject, claims.Name ?? claims.Subject, claims.Email, null, claims.Provider, claims.Roles ?? DefaultRoles);
        var issuedAt = claims.HasIssuedAt ? claims.IssuedAt : claims.HasNotBefore ? claims.NotBefore : now;
        var notBefore = claims.HasNotBefore ? claims.NotBefore : issuedAt;
        return new TokenValidationResult(user, claims.TokenId, issuedAt, notBefore, claims.Expires, key.Id);
    }
}
