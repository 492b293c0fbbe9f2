using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Studio.Auth.Tests.Tokens.Strict.Fuzzing;

/// <summary>
/// Generates hostile variants of valid tokens, deterministically from a seed. Half the mutations
/// work on the compact string (bit flips, base64url character swaps, segment insertion and
/// removal); the other half edit the header or payload JSON and re-sign it with the right key
/// (duplicate members, type changes, trailing data, unicode tricks, deep nesting, huge numbers,
/// random byte edits), so the MAC is valid and only the JSON decides.
/// </summary>
internal sealed class TokenMutator
{
    public static readonly string[] Kinds =
    [
        "bit-flip", "char-swap", "segment-edit", "truncate-extend",
        "duplicate-member", "type-change", "trailing-data", "unicode-trick", "deep-nesting", "huge-number",
        "member-shuffle", "header-edit", "claim-value", "byte-edit", "whitespace", "time-edit",
    ];

    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private const string HostileCharacters = ".=+/ \t\n\r!\"#%&'()*,:;<>?@[\\]^`{|}~\0é€";

    private static readonly byte[] JsonBytes = "{}[]\",:\\ 0123456789eE.-+tfnu\0\u007f"u8.ToArray();
    private static readonly string[] TimeClaims = ["exp", "iat", "nbf"];
    private static readonly string[] StringClaims = ["sub", "name", "email", "provider", "jti", "iss", "aud"];

    private readonly Random _random;
    private readonly byte[] _key;
    private readonly string _keyId;
    private long _now;

    /// <param name="seed">Fixed, so every run generates the same sequence.</param>
    /// <param name="key">The validator's HS256 key (re-signed mutations use it).</param>
    /// <param name="keyId">The validator's kid.</param>
    /// <param name="now">The time the valid base tokens are issued at (Unix seconds).</param>
    public TokenMutator(int seed, byte[] key, string keyId, long now)
    {
        _random = new Random(seed);
        _key = key;
        _keyId = keyId;
        _now = now;
    }

    /// <summary>Moves the issue time of the base tokens (long runs follow the real clock).</summary>
    public void SetNow(long now) => _now = now;

    /// <summary>The next mutation: its kind and the token text, always different from the valid token it came from.</summary>
    public (string Kind, string Token) Next()
    {
        while (true)
        {
            var kind = Kinds[_random.Next(Kinds.Length)];
            var header = BaseHeader();
            var payload = BasePayload();
            var original = Sign(header, payload);
            var token = kind switch
            {
                "bit-flip" => BitFlip(original),
                "char-swap" => CharSwap(original),
                "segment-edit" => SegmentEdit(original),
                "truncate-extend" => TruncateOrExtend(original),
                "duplicate-member" => Edit(header, payload, DuplicateMember),
                "type-change" => Edit(header, payload, ChangeType),
                "trailing-data" => TrailingData(header, payload),
                "unicode-trick" => UnicodeTrick(header, payload),
                "deep-nesting" => Edit(header, payload, DeepNesting),
                "huge-number" => HugeNumber(header, payload),
                "member-shuffle" => Edit(header, payload, Shuffle),
                "header-edit" => HeaderEdit(header, payload),
                "claim-value" => ClaimValue(header, payload),
                "time-edit" => Edit(header, payload, _ => TimeEdit(payload)),
                "byte-edit" => ByteEdit(header, payload),
                _ => Sign(Serialize(header, spaced: true), Serialize(payload, spaced: true)),
            };

            // A flip undone by a second flip, a swap of equal characters, a shuffle that kept the order: not a mutation.
            if (token != original)
            {
                return (kind, token);
            }
        }
    }

    // ---- base tokens (valid by construction) ----

    private List<(string Name, string Value)> BaseHeader()
    {
        var header = new List<(string, string)> { ("alg", "\"HS256\"") };
        if (_random.Next(4) != 0)
        {
            header.Add(("typ", "\"JWT\""));
        }

        if (_random.Next(4) != 0)
        {
            header.Add(("kid", $"\"{_keyId}\""));
        }

        ShuffleInPlace(header);
        return header;
    }

    private List<(string Name, string Value)> BasePayload()
    {
        // Times stay at least ten minutes from every boundary, so a comparison with a validator that
        // reads the real clock a little later can never flip on timing.
        var iat = _now - _random.Next(0, 600);
        var payload = new List<(string, string)>
        {
            ("sub", Quote(_random.Next(3) switch { 0 => "42", 1 => "user-" + _random.Next(1000).ToString(CultureInfo.InvariantCulture), _ => "a@b" })),
            ("name", Quote(_random.Next(3) switch { 0 => "Ada Lovelace", 1 => "Zoë \\\"Z\\\"", _ => "\\u00c9mile \\ud83d\\ude00" })),
            ("email", _random.Next(3) == 0 ? "null" : Quote("ada@example.com")),
            ("provider", Quote("github")),
            ("roles", _random.Next(3) switch { 0 => "[\"user\"]", 1 => "[\"user\",\"admin\"]", _ => "[]" }),
            ("iat", Number(iat)),
            ("exp", Number(_now + 600 + _random.Next(0, 2400))),
            ("jti", Quote("j" + _random.Next(1_000_000).ToString(CultureInfo.InvariantCulture))),
            ("iss", Quote("studio-auth")),
            ("aud", _random.Next(4) == 0 ? "[\"other\",\"studio-auth\"]" : Quote("studio-auth")),
        };
        if (_random.Next(2) == 0)
        {
            payload.Add(("nbf", Number(iat)));
        }

        if (_random.Next(3) == 0)
        {
            payload.Add(("http://example.com/is_root", "true"));
        }

        ShuffleInPlace(payload);
        return payload;
    }

    // ---- string-level mutations (the MAC no longer matches, or the syntax breaks) ----

    private string BitFlip(string token)
    {
        var chars = token.ToCharArray();
        var flips = 1 + _random.Next(3);
        for (var i = 0; i < flips; i++)
        {
            var at = _random.Next(chars.Length);
            chars[at] = (char)(chars[at] ^ (1 << _random.Next(8)));
        }

        return new string(chars);
    }

    private string CharSwap(string token)
    {
        var chars = token.ToCharArray();
        var at = _random.Next(chars.Length);
        chars[at] = _random.Next(4) == 0 ? HostileCharacters[_random.Next(HostileCharacters.Length)] : Base64UrlAlphabet[_random.Next(64)];
        if (_random.Next(3) == 0)
        {
            // Swap two characters as well.
            var other = _random.Next(chars.Length);
            (chars[at], chars[other]) = (chars[other], chars[at]);
        }

        return new string(chars);
    }

    private string SegmentEdit(string token)
    {
        var segments = token.Split('.').ToList();
        switch (_random.Next(7))
        {
            case 0:
                segments.RemoveAt(_random.Next(segments.Count));
                break;
            case 1:
                segments.Insert(_random.Next(segments.Count + 1), _random.Next(2) == 0 ? "" : segments[_random.Next(segments.Count)]);
                break;
            case 2:
                var a = _random.Next(segments.Count);
                var b = _random.Next(segments.Count);
                (segments[a], segments[b]) = (segments[b], segments[a]);
                break;
            case 3:
                var s = _random.Next(segments.Count);
                segments[s] += new string('=', 1 + _random.Next(2));
                break;
            case 4:
                var t = _random.Next(segments.Count);
                segments[t] = segments[t][..(segments[t].Length == 0 ? 0 : _random.Next(segments[t].Length))];
                break;
            case 5:
                segments.Add(JwsText.Base64Url(RandomBytes(_random.Next(0, 40))));
                break;
            default:
                // The signature of another valid token.
                segments[^1] = Sign(BaseHeader(), BasePayload()).Split('.')[2];
                break;
        }

        return string.Join('.', segments);
    }

    private string TruncateOrExtend(string token) => _random.Next(2) == 0
        ? token[.._random.Next(token.Length)]
        : token + (_random.Next(2) == 0 ? Base64UrlAlphabet[_random.Next(64)].ToString() : HostileCharacters[_random.Next(HostileCharacters.Length)].ToString());

    // ---- JSON mutations, re-signed with the right key ----

    private string Edit(List<(string Name, string Value)> header, List<(string Name, string Value)> payload, Action<List<(string Name, string Value)>> edit)
    {
        edit(_random.Next(5) == 0 ? header : payload);
        return Sign(Serialize(header, _random.Next(4) == 0), Serialize(payload, _random.Next(4) == 0));
    }

    private void DuplicateMember(List<(string Name, string Value)> members)
    {
        var (name, value) = members[_random.Next(members.Count)];
        var duplicateName = _random.Next(3) switch
        {
            0 => name,
            1 => EscapeOne(name),
            _ => string.Concat(name.Select(c => $"\\u{(int)c:x4}")),
        };
        var duplicateValue = _random.Next(2) == 0 ? value : RandomValue();
        members.Insert(_random.Next(members.Count + 1), (duplicateName, duplicateValue));
    }

    private void ChangeType(List<(string Name, string Value)> members)
    {
        var at = _random.Next(members.Count);
        members[at] = (members[at].Name, RandomValue(members[at].Value));
    }

    private string RandomValue(string? current = null)
    {
        var now = Number(_now + 600);
        return _random.Next(16) switch
        {
            0 => "null",
            1 => "true",
            2 => "false",
            3 => now,
            4 => Quote(now),
            5 => now + ".0",
            6 => "1.7e9",
            7 => "-" + now,
            8 => "[]",
            9 => "{}",
            10 => current is null ? "[1]" : "[" + current + "]",
            11 => current is null ? "{\"a\":1}" : "{\"v\":" + current + "}",
            12 => Quote(""),
            13 => "[\"user\",1]",
            14 => Quote("studio-auth"),
            _ => "\"" + new string('a', _random.Next(1000, 1100)) + "\"",
        };
    }

    private string TrailingData(List<(string Name, string Value)> header, List<(string Name, string Value)> payload)
    {
        var suffix = _random.Next(10) switch
        {
            0 => " ",
            1 => "\n\t ",
            2 => "{\"sub\":\"admin\"}",
            3 => "{}",
            4 => "x",
            5 => "\0",
            6 => ",",
            7 => "]",
            8 => "null",
            _ => "//",
        };
        var inHeader = _random.Next(4) == 0;
        var headerJson = Serialize(header, false) + (inHeader ? suffix : "");
        var payloadJson = (inHeader ? "" : _random.Next(6) == 0 ? "\uFEFF" : "") + Serialize(payload, false) + (inHeader ? "" : suffix);
        return Sign(headerJson, payloadJson);
    }

    private string UnicodeTrick(List<(string Name, string Value)> header, List<(string Name, string Value)> payload)
    {
        var members = _random.Next(5) == 0 ? header : payload;
        var at = _random.Next(members.Count);
        var (name, value) = members[at];
        switch (_random.Next(9))
        {
            case 0:
                members[at] = (EscapeOne(name), value);
                break;
            case 1:
                // A Cyrillic homoglyph in the name (a different member, not the registered one).
                members[at] = (name.Replace('s', '\u0455').Replace('a', '\u0430').Replace('e', '\u0435'), value);
                break;
            case 2:
                members[at] = (name, value.StartsWith('"') ? value.Insert(1, "\\ud800") : "\"\\udc00\"");
                break;
            case 3:
                members[at] = (name, value.StartsWith('"') ? value.Insert(1, "\u200B") : value);
                break;
            case 4:
                members[at] = (name, value.StartsWith('"') ? value.Insert(value.Length - 1, "\\u0000") : value);
                break;
            case 5:
                members[at] = (name + "\u0000", value);
                break;
            case 6:
                members[at] = (name, value.StartsWith('"') ? "\"" + EscapeOne(value[1..^1]) + "\"" : value);
                break;
            case 7:
                // Raw invalid UTF-8 spliced into the JSON bytes.
                return RawBytes(header, payload, members == header);
            default:
                members[at] = (name.ToUpperInvariant(), value);
                break;
        }

        return Sign(Serialize(header, false), Serialize(payload, false));
    }

    private string RawBytes(List<(string Name, string Value)> header, List<(string Name, string Value)> payload, bool inHeader)
    {
        byte[][] invalid = [[0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x80], [0xE2, 0x82], [0xEF, 0xBB, 0xBF]];
        var target = Encoding.UTF8.GetBytes(Serialize(inHeader ? header : payload, false)).ToList();
        var quote = target.IndexOf((byte)'"', _random.Next(1, target.Count - 1));
        target.InsertRange(quote < 0 ? 1 : quote + 1, invalid[_random.Next(invalid.Length)]);
        var other = Encoding.UTF8.GetBytes(Serialize(inHeader ? payload : header, false));
        return inHeader ? Sign(target.ToArray(), other) : Sign(other, target.ToArray());
    }

    private void DeepNesting(List<(string Name, string Value)> members)
    {
        var depth = _random.Next(10, 26);
        var nested = _random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        if (_random.Next(3) == 0)
        {
            var at = _random.Next(members.Count);
            members[at] = (members[at].Name, nested);
        }
        else
        {
            members.Add(("deep", nested));
        }
    }

    // Times near the clock, inside and outside the skew, in every order (exp before iat or nbf included): the base
    // tokens keep far from every boundary, these go close to them. Each offset stays at least 5 s from a boundary
    // (now - skew for exp, now + skew for nbf and iat), so the other validator's later reading of the real clock cannot
    // flip its answer.
    private void TimeEdit(List<(string Name, string Value)> payload)
    {
        long[] offsets = [-300, -60, -25, -10, -1, 0, 1, 10, 25, 60, 300];
        foreach (var claim in TimeClaims)
        {
            if (_random.Next(3) != 0)
            {
                Set(payload, (claim, Number(_now + offsets[_random.Next(offsets.Length)])));
            }
        }
    }

    private string HugeNumber(List<(string Name, string Value)> header, List<(string Name, string Value)> payload)
    {
        string[] numbers =
        [
            "1e400", "-1e400", "99999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "253402300799", "253402300800", "9999999999", "0", "-0", "1", "-1", "0.0", "1E3", "1e-3", "4294967296",
            Number(_now + 315_360_000), Number(_now - 315_360_000), Number(_now + 3600), Number(_now - 3600),
            "1" + new string('0', 400), "0." + new string('0', 300) + "1",
        ];
        var claim = _random.Next(4) == 0 ? "x" : TimeClaims[_random.Next(TimeClaims.Length)];
        var index = payload.FindIndex(m => m.Name == claim);
        var value = numbers[_random.Next(numbers.Length)];
        if (index >= 0)
        {
            payload[index] = (claim, value);
        }
        else
        {
            payload.Add((claim, value));
        }

        return Sign(Serialize(header, false), Serialize(payload, false));
    }

    private void Shuffle(List<(string Name, string Value)> members)
    {
        if (_random.Next(3) == 0 && members.Count > 1)
        {
            members.RemoveAt(_random.Next(members.Count));
        }

        ShuffleInPlace(members);
    }

    private string HeaderEdit(List<(string Name, string Value)> header, List<(string Name, string Value)> payload)
    {
        string[] algs = ["\"none\"", "\"None\"", "\"HS384\"", "\"HS512\"", "\"RS256\"", "\"hs256\"", "\"HS256 \"", "\"HS\\u0032\\u0035\\u0036\"", "null", "256", "[\"HS256\"]"];
        string[] extras = ["crit", "jku", "x5u", "jwk", "x5c", "cty", "b64", "zip", "enc", "foo", "Kid", "ALG"];
        string[] kids = ["\"../../dev/null\"", "\"\"", "0", "null", $"\"{_keyId.ToLowerInvariant()}\"", $"\"{_keyId} \"", "\"x' OR '1'='1\""];
        string[] types = ["\"jwt\"", "\"at+jwt\"", "\"\"", "null", "1"];
        Set(header, _random.Next(4) switch
        {
            0 => ("alg", algs[_random.Next(algs.Length)]),
            1 => (extras[_random.Next(extras.Length)], RandomValue()),
            2 => ("kid", kids[_random.Next(kids.Length)]),
            _ => ("typ", types[_random.Next(types.Length)]),
        });
        var json = Serialize(header, false);
        var algorithm = json.Contains("HS384", StringComparison.Ordinal) ? HashAlgorithmName.SHA384
            : json.Contains("HS512", StringComparison.Ordinal) ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        return JwsText.SignSegments(JwsText.Base64Url(json), JwsText.Base64Url(Serialize(payload, false)), _key, algorithm);
    }

    private string ClaimValue(List<(string Name, string Value)> header, List<(string Name, string Value)> payload)
    {
        string[] values =
        [
            "\"\"", "\"admin\"", "\"studio-auth \"", "\"Studio-Auth\"", "\"studio\\u002dauth\"", "[]", "[\"studio-auth\"]", "[\"other\"]",
            "[\"user\",\"admin\",\"root\"]", "[\"\"]", "\"user\"", "null", "\"github\"", "\"none\"",
        ];
        var claim = StringClaims[_random.Next(StringClaims.Length)];
        Set(payload, _random.Next(5) == 0 ? ("roles", values[_random.Next(values.Length)]) : (claim, values[_random.Next(values.Length)]));
        if (_random.Next(4) == 0)
        {
            payload.RemoveAll(m => m.Name == StringClaims[_random.Next(StringClaims.Length)]);
        }

        return Sign(Serialize(header, false), Serialize(payload, false));
    }

    private string ByteEdit(List<(string Name, string Value)> header, List<(string Name, string Value)> payload)
    {
        var inHeader = _random.Next(4) == 0;
        var bytes = Encoding.UTF8.GetBytes(Serialize(inHeader ? header : payload, false)).ToList();
        var edits = 1 + _random.Next(3);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = _random.Next(bytes.Count);
            switch (_random.Next(4))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, JsonBytes[_random.Next(JsonBytes.Length)]);
                    break;
                default:
                    bytes[at] = (byte)_random.Next(256);
                    break;
            }
        }

        var other = Encoding.UTF8.GetBytes(Serialize(inHeader ? payload : header, false));
        return inHeader ? Sign(bytes.ToArray(), other) : Sign(other, bytes.ToArray());
    }

    // ---- helpers ----

    private string Sign(List<(string Name, string Value)> header, List<(string Name, string Value)> payload) =>
        Sign(Serialize(header, false), Serialize(payload, false));

    private string Sign(string headerJson, string payloadJson) => Sign(Encoding.UTF8.GetBytes(headerJson), Encoding.UTF8.GetBytes(payloadJson));

    private string Sign(byte[] header, byte[] payload) => JwsText.SignSegments(JwsText.Base64Url(header), JwsText.Base64Url(payload), _key);

    private string Serialize(List<(string Name, string Value)> members, bool spaced)
    {
        var builder = new StringBuilder(256);
        builder.Append(spaced ? Space() + "{" : "{");
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(spaced ? Space() + "," + Space() : ",");
            }

            builder.Append('"').Append(members[i].Name).Append('"').Append(spaced ? Space() + ":" + Space() : ":").Append(members[i].Value);
        }

        return builder.Append(spaced ? Space() + "}" + Space() : "}").ToString();
    }

    private string Space() => _random.Next(3) switch { 0 => "", 1 => " ", _ => " \r\n\t"[.._random.Next(1, 5)] };

    private string EscapeOne(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var at = _random.Next(text.Length);
        return text[at] is '\\' or '"' ? text : text[..at] + $"\\u{(int)text[at]:x4}" + text[(at + 1)..];
    }

    private static void Set(List<(string Name, string Value)> members, (string Name, string Value) member)
    {
        var index = members.FindIndex(m => m.Name == member.Name);
        if (index >= 0)
        {
            members[index] = member;
        }
        else
        {
            members.Add(member);
        }
    }

    private void ShuffleInPlace<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static string Quote(string text) => "\"" + text + "\"";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
