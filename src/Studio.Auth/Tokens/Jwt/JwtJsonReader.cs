using System.Text.Json;

namespace Studio.Auth.Tokens;

/// <summary>
/// Reads a JWS header or JWT payload strictly with <see cref="Utf8JsonReader"/>: one JSON object,
/// nothing after it, depth at most 16, no duplicate member names at any level (compared after
/// unescaping, so <c>"\u0073ub"</c> is <c>sub</c>). Registered claims must have their JSON type.
/// </summary>
internal static class JwtJsonReader
{
    public const int MaxDepth = 16;

    // Bounds on claim values; anything outside is invalid rather than merely unusual.
    private const long MaxTimestamp = 253402300799; // 9999-12-31T23:59:59Z
    private const int MaxStringClaimLength = 1024;
    private const int MaxRoles = 64;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Header members: <c>alg</c> must be exactly HS256, <c>typ</c> JWT if present, <c>kid</c> selects a configured key.</summary>
    /// <param name="json">The decoded header.</param>
    /// <param name="keys">The configured keys.</param>
    /// <param name="keyIndex">The key named by <c>kid</c>; -1 when <c>kid</c> names no configured key; -2 when absent.</param>
    public static TokenRejection ReadHeader(ReadOnlySpan<byte> json, SigningKey[] keys, out int keyIndex)
    {
        keyIndex = -2;
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenRejection.Malformed;
            }

            bool seenAlg = false, seenTyp = false, seenKid = false, algorithmOk = false, typeOk = true, unsupported = false;
            HashSet<string>? others = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("alg"u8))
                {
                    if (!Once(ref seenAlg))
                    {
                        return TokenRejection.Malformed;
                    }

                    reader.Read();
                    algorithmOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("HS256"u8);
                    SkipStrict(ref reader);
                }
                else if (reader.ValueTextEquals("typ"u8))
                {
                    if (!Once(ref seenTyp))
                    {
                        return TokenRejection.Malformed;
                    }

                    reader.Read();
                    typeOk = reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("JWT"u8) || reader.ValueTextEquals("jwt"u8));
                    SkipStrict(ref reader);
                }
                else if (reader.ValueTextEquals("kid"u8))
                {
                    if (!Once(ref seenKid))
                    {
                        return TokenRejection.Malformed;
                    }

                    reader.Read();
                    keyIndex = -1;
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        for (var i = 0; i < keys.Length; i++)
                        {
                            if (reader.ValueTextEquals(keys[i].IdUtf8))
                            {
                                keyIndex = i;
                                break;
                            }
                        }
                    }

                    SkipStrict(ref reader);
                }
                else
                {
                    if (!(others ??= new(StringComparer.Ordinal)).Add(reader.GetString()!))
                    {
                        return TokenRejection.Malformed;
                    }

                    unsupported = true;
                    reader.Read();
                    SkipStrict(ref reader);
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return TokenRejection.Malformed;
            }

            return !algorithmOk ? TokenRejection.AlgorithmNotAllowed
                : unsupported || !typeOk ? TokenRejection.UnsupportedHeader
                : TokenRejection.None;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return TokenRejection.Malformed;
        }
    }

    /// <summary>Payload: a JSON object whose registered claims are read into <paramref name="claims"/>.</summary>
    public static TokenRejection ReadPayload(ReadOnlySpan<byte> json, TokenPolicy policy, out JwtClaims claims)
    {
        claims = default;
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenRejection.Malformed;
            }

            var seen = 0;
            HashSet<string>? others = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var claim = Claim(ref reader);
                if (claim == 0)
                {
                    if (!(others ??= new(StringComparer.Ordinal)).Add(reader.GetString()!))
                    {
                        return TokenRejection.Malformed;
                    }

                    reader.Read();
                    SkipStrict(ref reader);
                    continue;
                }

                if ((seen & claim) != 0)
                {
                    return TokenRejection.Malformed;
                }

                seen |= claim;
                reader.Read();
                if (!ReadClaim(ref reader, claim, policy, ref claims))
                {
                    claims.HasInvalidClaim = true;
                }

                SkipStrict(ref reader);
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return TokenRejection.Malformed;
            }

            return TokenRejection.None;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return TokenRejection.Malformed;
        }
    }

    private const int Exp = 1, Iat = 2, Nbf = 4, Iss = 8, Aud = 16, Sub = 32, NameClaim = 64, EmailClaim = 128, ProviderClaim = 256, Jti = 512, RolesClaim = 1024;

    private static int Claim(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("exp"u8) ? Exp
        : reader.ValueTextEquals("iat"u8) ? Iat
        : reader.ValueTextEquals("nbf"u8) ? Nbf
        : reader.ValueTextEquals("iss"u8) ? Iss
        : reader.ValueTextEquals("aud"u8) ? Aud
        : reader.ValueTextEquals("sub"u8) ? Sub
        : reader.ValueTextEquals("name"u8) ? NameClaim
        : reader.ValueTextEquals("email"u8) ? EmailClaim
        : reader.ValueTextEquals("provider"u8) ? ProviderClaim
        : reader.ValueTextEquals("jti"u8) ? Jti
        : reader.ValueTextEquals("roles"u8) ? RolesClaim
        : 0;

    // Returns false when the value has the wrong type or range (the token is then refused as invalid_claim).
    private static bool ReadClaim(ref Utf8JsonReader reader, int claim, TokenPolicy policy, ref JwtClaims claims)
    {
        switch (claim)
        {
            case Exp:
                claims.HasExpires = TryTimestamp(ref reader, out claims.Expires);
                return claims.HasExpires;
            case Iat:
                claims.HasIssuedAt = TryTimestamp(ref reader, out claims.IssuedAt);
                return claims.HasIssuedAt;
            case Nbf:
                claims.HasNotBefore = TryTimestamp(ref reader, out claims.NotBefore);
                return claims.HasNotBefore;
            case Iss:
                claims.HasIssuer = reader.TokenType == JsonTokenType.String;
                claims.IssuerMatches = claims.HasIssuer && reader.ValueTextEquals(policy.IssuerUtf8);
                return claims.HasIssuer;
            case Aud:
                return ReadAudience(ref reader, policy, ref claims);
            case Sub:
                return TryString(ref reader, out claims.Subject);
            case NameClaim:
                return TryString(ref reader, out claims.Name);
            case EmailClaim:
                return reader.TokenType == JsonTokenType.Null || TryString(ref reader, out claims.Email);
            case ProviderClaim:
                return TryString(ref reader, out claims.Provider);
            case Jti:
                return TryString(ref reader, out claims.TokenId);
            case RolesClaim:
                return TryRoles(ref reader, out claims.Roles);
            default:
                return false;
        }
    }

    private static bool TryTimestamp(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number || reader.ValueSpan.IndexOfAny("eE."u8) >= 0)
        {
            return false;
        }

        return reader.TryGetInt64(out value) && value is >= 0 and <= MaxTimestamp;
    }

    private static bool TryString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxStringClaimLength * 6)
        {
            return false;
        }

        value = reader.GetString();
        return value is { Length: <= MaxStringClaimLength };
    }

    private static bool TryRoles(ref Utf8JsonReader reader, out string[]? roles)
    {
        roles = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var list = new List<string>(2);
        var ok = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || list.Count >= MaxRoles)
            {
                ok = false;
                SkipStrict(ref reader);
                continue;
            }

            // The common roles come back as the shared constants, so a valid token allocates less.
            list.Add(reader.ValueTextEquals("user"u8) ? StudioUser.UserRole
                : reader.ValueTextEquals("admin"u8) ? StudioUser.AdminRole
                : reader.GetString()!);
        }

        roles = ok ? list.ToArray() : null;
        return ok;
    }

    private static bool ReadAudience(ref Utf8JsonReader reader, TokenPolicy policy, ref JwtClaims claims)
    {
        claims.HasAudience = true;
        if (reader.TokenType == JsonTokenType.String)
        {
            claims.AudienceMatches = reader.ValueTextEquals(policy.AudienceUtf8);
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var ok = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                ok = false;
                SkipStrict(ref reader);
                continue;
            }

            claims.AudienceMatches |= reader.ValueTextEquals(policy.AudienceUtf8);
        }

        return ok;
    }

    // Moves past the value the reader is on (or, for a container it already entered, the rest of it),
    // refusing duplicate member names in every nested object.
    private static void SkipStrict(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = reader.CurrentDepth;
        var names = new Stack<HashSet<string>?>();
        names.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when !names.Peek()!.Add(reader.GetString()!):
                    throw new JsonException("duplicate member");
                case JsonTokenType.StartObject:
                    names.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    names.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    names.Pop();
                    if (reader.CurrentDepth == depth)
                    {
                        return;
                    }

                    break;
            }
        }
    }

    private static bool Once(ref bool seen)
    {
        if (seen)
        {
            return false;
        }

        seen = true;
        return true;
    }
}
