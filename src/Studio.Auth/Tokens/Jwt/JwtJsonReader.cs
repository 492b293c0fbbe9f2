using System.Text.Json;

namespace Studio.Auth.Tokens;

/// <summary>
/// Reads a JWS header or JWT payload strictly with <see cref="Utf8JsonReader"/>: one JSON object,
/// nothing after it, depth at most 16, no duplicate member names at any level (compared after
/// unescaping, so <c>"\u0073ub"</c> is <c>sub</c>), every escaped string valid Unicode. Registered
/// claims must have their JSON type. The caller has already checked that the bytes are valid UTF-8.
/// </summary>
internal static class JwtJsonReader
{
    public const int MaxDepth = 16;

    /// <summary><see cref="ReadHeader"/>'s key index when <c>kid</c> names none of the configured keys.</summary>
    public const int UnknownKey = -1;

    /// <summary><see cref="ReadHeader"/>'s key index when the header has no <c>kid</c> (every configured key is tried).</summary>
    public const int NoKeyId = -2;

    private const long MaxTimestamp = TokenClaimLimits.MaxTimestamp;
    private const int MaxStringClaimLength = TokenClaimLimits.MaxStringLength;
    private const int MaxRoles = TokenClaimLimits.MaxRoles;

    private const int Exp = 1, Iat = 2, Nbf = 4, Iss = 8, Aud = 16, Sub = 32, NameClaim = 64, EmailClaim = 128, ProviderClaim = 256, Jti = 512, RolesClaim = 1024;
    private const int Alg = 1, Typ = 2, Kid = 4;

    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>Header members: <c>alg</c> must be exactly HS256, <c>typ</c> exactly JWT if present, <c>kid</c> selects a configured key; nothing else.</summary>
    /// <param name="json">The decoded header.</param>
    /// <param name="keys">The configured keys.</param>
    /// <param name="keyIndex">The key named by <c>kid</c>, <see cref="UnknownKey"/> or <see cref="NoKeyId"/>.</param>
    public static TokenRejection ReadHeader(ReadOnlySpan<byte> json, SigningKey[] keys, out int keyIndex)
    {
        keyIndex = NoKeyId;
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenRejection.Malformed;
            }

            int seen = 0;
            bool algorithmOk = false, typeOk = true, unsupported = false;
            HashSet<string>? others = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = reader.ValueTextEquals("alg"u8) ? Alg : reader.ValueTextEquals("typ"u8) ? Typ : reader.ValueTextEquals("kid"u8) ? Kid : 0;
                if (member == 0)
                {
                    // crit, jku, jwk, x5u, x5c, cty, b64, ... : never honoured, always refused (after the duplicate check).
                    if (!(others ??= new(StringComparer.Ordinal)).Add(reader.GetString()!))
                    {
                        return TokenRejection.Malformed;
                    }

                    unsupported = true;
                    reader.Read();
                    SkipValue(ref reader);
                    continue;
                }

                if ((seen & member) != 0)
                {
                    return TokenRejection.Malformed;
                }

                seen |= member;
                reader.Read();
                switch (member)
                {
                    case Alg:
                        algorithmOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("HS256"u8);
                        break;
                    case Typ:
                        typeOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("JWT"u8);
                        break;
                    default:
                        keyIndex = FindKey(ref reader, keys);
                        break;
                }

                SkipValue(ref reader);
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
                    SkipValue(ref reader);
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

                SkipValue(ref reader);
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

    private static int FindKey(ref Utf8JsonReader reader, SigningKey[] keys)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (reader.ValueTextEquals(keys[i].IdUtf8))
                {
                    return i;
                }
            }
        }

        return UnknownKey;
    }

    private static int Claim(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return EscapedClaim(ref reader);
        }

        // The common case, no escapes: dispatch on the length, then compare the bytes.
        var name = reader.ValueSpan;
        return name.Length switch
        {
            3 => name.SequenceEqual("exp"u8) ? Exp
                : name.SequenceEqual("iat"u8) ? Iat
                : name.SequenceEqual("nbf"u8) ? Nbf
                : name.SequenceEqual("iss"u8) ? Iss
                : name.SequenceEqual("aud"u8) ? Aud
                : name.SequenceEqual("sub"u8) ? Sub
                : name.SequenceEqual("jti"u8) ? Jti
                : 0,
            4 => name.SequenceEqual("name"u8) ? NameClaim : 0,
            5 => name.SequenceEqual("email"u8) ? EmailClaim : name.SequenceEqual("roles"u8) ? RolesClaim : 0,
            8 => name.SequenceEqual("provider"u8) ? ProviderClaim : 0,
            _ => 0,
        };
    }

    // A name written with escapes (\u0073ub) is compared after unescaping, so it is the same member.
    private static int EscapedClaim(ref Utf8JsonReader reader) =>
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
                return claims.HasExpires = TryTimestamp(ref reader, out claims.Expires);
            case Iat:
                return claims.HasIssuedAt = TryTimestamp(ref reader, out claims.IssuedAt);
            case Nbf:
                return claims.HasNotBefore = TryTimestamp(ref reader, out claims.NotBefore);
            case Iss:
                claims.HasIssuer = TryString(ref reader, out _, allowEmpty: true, materialize: false);
                claims.IssuerMatches = claims.HasIssuer && reader.ValueTextEquals(policy.IssuerUtf8);
                return claims.HasIssuer;
            case Aud:
                return ReadAudience(ref reader, policy, ref claims);
            case Sub:
                return TryString(ref reader, out claims.Subject, allowEmpty: false, identifier: true);
            case NameClaim:
                return TryString(ref reader, out claims.Name, allowEmpty: true);
            case EmailClaim:
                return reader.TokenType == JsonTokenType.Null || TryString(ref reader, out claims.Email, allowEmpty: true);
            case ProviderClaim:
                return TryString(ref reader, out claims.Provider, allowEmpty: false, identifier: true);
            case Jti:
                return TryString(ref reader, out claims.TokenId, allowEmpty: false, identifier: true);
            case RolesClaim:
                return TryRoles(ref reader, out claims.Roles);
            default:
                return false;
        }
    }

    // A NumericDate written as a plain non-negative JSON integer: no sign, fraction or exponent, and within years 1970-9999.
    private static bool TryTimestamp(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number || reader.ValueSpan.IndexOfAny("eE.-"u8) >= 0)
        {
            return false;
        }

        return reader.TryGetInt64(out value) && value is >= 0 and <= MaxTimestamp;
    }

    // An identifier (sub, provider, jti, a role) is a key in stores, logs and policies: no control characters
    // (a "\u0000" in sub would be "admin" to C strings and an error to PostgreSQL).
    private static bool TryString(ref Utf8JsonReader reader, out string? value, bool allowEmpty, bool materialize = true, bool identifier = false)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxStringClaimLength * 6)
        {
            return false;
        }

        if (!materialize && !reader.ValueIsEscaped)
        {
            return reader.ValueSpan.Length <= MaxStringClaimLength && (allowEmpty || reader.ValueSpan.Length > 0);
        }

        // GetString throws (caught as malformed) on escapes that are not valid UTF-16, such as a lone surrogate.
        var text = reader.GetString()!;
        if (text.Length > MaxStringClaimLength || (!allowEmpty && text.Length == 0)
            || (identifier && TokenClaimLimits.HasControlCharacters(text)))
        {
            return false;
        }

        value = materialize ? text : null;
        return true;
    }

    private static bool TryRoles(ref Utf8JsonReader reader, out IReadOnlyList<string>? roles)
    {
        roles = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        // Most tokens carry ["user"] or ["user","admin"]: the shared constants, and no list.
        string? first = null, second = null;
        List<string>? more = null;
        var count = 0;
        var ok = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count >= MaxRoles || !TryRole(ref reader, out var role))
            {
                ok = false;
                SkipValue(ref reader);
                continue;
            }

            switch (count++)
            {
                case 0: first = role; break;
                case 1: second = role; break;
                default: (more ??= []).Add(role); break;
            }
        }

        if (!ok)
        {
            return false;
        }

        // Read-only wrappers: a result may be served from the cache to many requests, so nobody may
        // cast the list back to an array and change it.
        roles = count switch
        {
            0 => NoRoles,
            1 when first == StudioUser.UserRole => UserOnly,
            2 when first == StudioUser.UserRole && second == StudioUser.AdminRole => UserAndAdmin,
            1 => Array.AsReadOnly([first!]),
            2 => Array.AsReadOnly([first!, second!]),
            _ => Array.AsReadOnly([first!, second!, .. more!]),
        };
        return true;
    }

    /// <summary>The roles of a token without a <c>roles</c> claim.</summary>
    public static readonly IReadOnlyList<string> UserOnly = Array.AsReadOnly([StudioUser.UserRole]);

    private static readonly IReadOnlyList<string> UserAndAdmin = Array.AsReadOnly([StudioUser.UserRole, StudioUser.AdminRole]);
    private static readonly IReadOnlyList<string> NoRoles = Array.AsReadOnly(Array.Empty<string>());

    private static bool TryRole(ref Utf8JsonReader reader, out string role)
    {
        role = string.Empty;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (reader.ValueTextEquals("user"u8))
        {
            role = StudioUser.UserRole;
            return true;
        }

        if (reader.ValueTextEquals("admin"u8))
        {
            role = StudioUser.AdminRole;
            return true;
        }

        if (!TryString(ref reader, out var text, allowEmpty: false, identifier: true))
        {
            return false;
        }

        role = text!;
        return true;
    }

    private static bool ReadAudience(ref Utf8JsonReader reader, TokenPolicy policy, ref JwtClaims claims)
    {
        claims.HasAudience = true;
        if (reader.TokenType == JsonTokenType.String)
        {
            claims.AudienceMatches = reader.ValueTextEquals(policy.AudienceUtf8);
            return TryString(ref reader, out _, allowEmpty: true, materialize: false);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var ok = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!TryString(ref reader, out _, allowEmpty: true, materialize: false))
            {
                ok = false;
                SkipValue(ref reader);
                continue;
            }

            claims.AudienceMatches |= reader.ValueTextEquals(policy.AudienceUtf8);
        }

        return ok;
    }

    // Moves past the value the reader is on (or, for a container it already entered, the rest of it),
    // refusing duplicate member names in every nested object and escapes that are not valid Unicode.
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.String)
        {
            ValidateEscapes(ref reader);
            return;
        }

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
                case JsonTokenType.String:
                    ValidateEscapes(ref reader);
                    break;
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

    // Throws InvalidOperationException (malformed) when an escaped string does not unescape to valid UTF-16.
    private static void ValidateEscapes(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            _ = reader.GetString();
        }
    }
}
