using System.Buffers;
using System.Buffers.Text;

namespace Studio.Auth.Tokens;

/// <summary>
/// base64url (RFC 4648 §5) exactly as JWS requires (RFC 7515 §2): only <c>[A-Za-z0-9_-]</c>, no
/// padding, no whitespace, no length that leaves a lone character, and zero unused trailing bits,
/// so every byte string has exactly one accepted encoding. (.NET's own decoders skip whitespace
/// and accept non-canonical trailing bits, so the input is checked before they see it.)
/// </summary>
internal static class Base64UrlStrict
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly sbyte[] Values = BuildValues();
    private static readonly SearchValues<char> AlphabetValues = SearchValues.Create(Alphabet);

    /// <summary>The decoded length of <paramref name="encodedLength"/> characters (which must not be 1 mod 4).</summary>
    public static int DecodedLength(int encodedLength) => encodedLength / 4 * 3 + (encodedLength % 4) switch { 2 => 1, 3 => 2, _ => 0 };

    /// <summary>Decodes strictly; returns false for any character, length or trailing-bit violation.</summary>
    public static bool TryDecode(ReadOnlySpan<char> input, Span<byte> output, out int written)
    {
        written = 0;
        var remainder = input.Length % 4;
        var length = DecodedLength(input.Length);
        if (remainder == 1 || output.Length < length || input.ContainsAnyExcept(AlphabetValues))
        {
            return false;
        }

        // The last character of a partial group must leave its unused low bits zero (one encoding per byte string).
        if ((remainder == 2 && (Value(input[^1]) & 0x0F) != 0) || (remainder == 3 && (Value(input[^1]) & 0x03) != 0))
        {
            return false;
        }

        // Only alphabet characters remain, so the (vectorized) framework decoder sees nothing it could be lenient about.
        var status = Base64Url.DecodeFromChars(input, output, out var consumed, out written);
        return status == OperationStatus.Done && consumed == input.Length && written == length;
    }

    /// <summary>Encodes without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> input) => Base64Url.EncodeToString(input);

    private static int Value(char c) => c < 128 ? Values[c] : -1;

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
