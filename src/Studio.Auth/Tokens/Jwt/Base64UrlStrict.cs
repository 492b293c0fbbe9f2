using System.Buffers;

namespace Studio.Auth.Tokens;

/// <summary>
/// base64url (RFC 4648 §5) exactly as JWS requires (RFC 7515 §2): only <c>[A-Za-z0-9_-]</c>, no
/// padding, no whitespace, no length that leaves a lone character, and zero unused trailing bits,
/// so every byte string has exactly one accepted encoding. (.NET's own decoders skip whitespace
/// and accept non-canonical trailing bits.)
/// </summary>
internal static class Base64UrlStrict
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly sbyte[] Values = BuildValues();

    /// <summary>The decoded length of <paramref name="encodedLength"/> characters (which must not be 1 mod 4).</summary>
    public static int DecodedLength(int encodedLength) => encodedLength / 4 * 3 + (encodedLength % 4) switch { 2 => 1, 3 => 2, _ => 0 };

    /// <summary>The encoded length of <paramref name="byteCount"/> bytes.</summary>
    public static int EncodedLength(int byteCount) => byteCount / 3 * 4 + (byteCount % 3) switch { 1 => 2, 2 => 3, _ => 0 };

    /// <summary>Decodes strictly; returns false for any character, length or trailing-bit violation.</summary>
    public static bool TryDecode(ReadOnlySpan<char> input, Span<byte> output, out int written)
    {
        written = 0;
        var remainder = input.Length % 4;
        if (remainder == 1)
        {
            return false;
        }

        var length = DecodedLength(input.Length);
        if (output.Length < length)
        {
            return false;
        }

        var full = input.Length - remainder;
        var o = 0;
        for (var i = 0; i < full; i += 4)
        {
            int a = Value(input[i]), b = Value(input[i + 1]), c = Value(input[i + 2]), d = Value(input[i + 3]);
            if ((a | b | c | d) < 0)
            {
                return false;
            }

            var n = (a << 18) | (b << 12) | (c << 6) | d;
            output[o++] = (byte)(n >> 16);
            output[o++] = (byte)(n >> 8);
            output[o++] = (byte)n;
        }

        if (remainder == 2)
        {
            int a = Value(input[full]), b = Value(input[full + 1]);
            if ((a | b) < 0 || (b & 0x0F) != 0)
            {
                return false;
            }

            output[o++] = (byte)((a << 2) | (b >> 4));
        }
        else if (remainder == 3)
        {
            int a = Value(input[full]), b = Value(input[full + 1]), c = Value(input[full + 2]);
            if ((a | b | c) < 0 || (c & 0x03) != 0)
            {
                return false;
            }

            output[o++] = (byte)((a << 2) | (b >> 4));
            output[o++] = (byte)((b << 4) | (c >> 2));
        }

        written = o;
        return true;
    }

    /// <summary>Encodes without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> input)
    {
        var length = EncodedLength(input.Length);
        char[]? rented = null;
        var buffer = length <= 512 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            return new string(buffer[..Encode(input, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Encodes without padding into <paramref name="output"/>; returns the characters written.</summary>
    public static int Encode(ReadOnlySpan<byte> input, Span<char> output)
    {
        var o = 0;
        var i = 0;
        for (; i + 3 <= input.Length; i += 3)
        {
            var n = (input[i] << 16) | (input[i + 1] << 8) | input[i + 2];
            output[o++] = Alphabet[(n >> 18) & 63];
            output[o++] = Alphabet[(n >> 12) & 63];
            output[o++] = Alphabet[(n >> 6) & 63];
            output[o++] = Alphabet[n & 63];
        }

        if (input.Length - i == 1)
        {
            var n = input[i] << 16;
            output[o++] = Alphabet[(n >> 18) & 63];
            output[o++] = Alphabet[(n >> 12) & 63];
        }
        else if (input.Length - i == 2)
        {
            var n = (input[i] << 16) | (input[i + 1] << 8);
            output[o++] = Alphabet[(n >> 18) & 63];
            output[o++] = Alphabet[(n >> 12) & 63];
            output[o++] = Alphabet[(n >> 6) & 63];
        }

        return o;
    }

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
