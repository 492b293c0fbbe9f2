using System.Text;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>
/// Header and payload: valid UTF-8, a single JSON object with nothing after it, no duplicate member
/// names at any depth (after unescaping), depth at most 16. Every token here carries a valid MAC.
/// </summary>
public class JsonStrictnessTests
{
    [TestCase("[]")]
    [TestCase("\"text\"")]
    [TestCase("42")]
    [TestCase("null")]
    [TestCase("true")]
    [TestCase("")]
    [TestCase(" ")]
    public void Payload_that_is_not_a_json_object_is_malformed(string payload)
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header(), payload)), Is.EqualTo(TokenRejection.Malformed));
    }

    [TestCase("[]")]
    [TestCase("\"HS256\"")]
    [TestCase("null")]
    public void Header_that_is_not_a_json_object_is_malformed(string header)
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(header, bench.Claims().ToJson())), Is.EqualTo(TokenRejection.Malformed));
    }

    [TestCase("{0}{{\"sub\":\"admin\"}}", TestName = "Two payload objects joined are malformed")]
    [TestCase("{0}x", TestName = "A payload with a trailing byte is malformed")]
    [TestCase("{0}\0", TestName = "A payload with a trailing NUL is malformed")]
    [TestCase("{0},", TestName = "A payload with a trailing comma is malformed")]
    [TestCase("{0}]", TestName = "A payload with a trailing bracket is malformed")]
    [TestCase("{0}//c", TestName = "A payload with a trailing comment is malformed")]
    [TestCase("{0}null", TestName = "A payload with a trailing literal is malformed")]
    [TestCase("[{0}]", TestName = "A payload wrapped in an array is malformed")]
    public void Payload_with_anything_after_the_object_is_malformed(string shape)
    {
        var bench = TokenBench.Create();
        var payload = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, bench.Claims().ToJson());
        Assert.That(bench.Reason(bench.Sign(bench.Header(), payload)), Is.EqualTo(TokenRejection.Malformed));
    }

    [Test]
    public void Header_with_anything_after_the_object_is_malformed()
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header() + "{\"alg\":\"none\"}", bench.Claims().ToJson())), Is.EqualTo(TokenRejection.Malformed));
    }

    [Test]
    public void Insignificant_whitespace_around_and_inside_the_object_is_still_one_object()
    {
        var bench = TokenBench.Create();
        var payload = " \r\n\t" + bench.Claims().ToJson().Replace(",", " ,\n ", StringComparison.Ordinal) + " \n";
        Assert.That(bench.Reason(bench.Sign(bench.Header(), payload)), Is.EqualTo(TokenRejection.None));
    }

    [TestCase("{\"sub\":\"42\",}", TestName = "A trailing comma inside the payload is malformed")]
    [TestCase("{'sub':'42'}", TestName = "Single quotes are malformed")]
    [TestCase("{sub:\"42\"}", TestName = "An unquoted name is malformed")]
    [TestCase("{\"exp\":NaN}", TestName = "NaN is malformed")]
    [TestCase("{\"exp\":Infinity}", TestName = "Infinity is malformed")]
    [TestCase("{\"exp\":0x10}", TestName = "A hex number is malformed")]
    [TestCase("{\"exp\":0123}", TestName = "A number with a leading zero is malformed")]
    [TestCase("{/*c*/\"sub\":\"42\"}", TestName = "A comment is malformed")]
    [TestCase("{\"sub\":\"4\n2\"}", TestName = "A raw control character in a string is malformed")]
    [TestCase("{\"sub\":\"42\"", TestName = "An unterminated object is malformed")]
    [TestCase("{\"sub\":\"\\x41\"}", TestName = "An invalid escape is malformed")]
    public void Json_that_is_not_strictly_valid_is_malformed(string payload)
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header(), payload)), Is.EqualTo(TokenRejection.Malformed));
    }

    [TestCase(new byte[] { 0xC3, 0x28 }, TestName = "A truncated two-byte sequence is not UTF-8")]
    [TestCase(new byte[] { 0xC0, 0xAF }, TestName = "An overlong encoding is not UTF-8")]
    [TestCase(new byte[] { 0xED, 0xA0, 0x80 }, TestName = "An encoded surrogate is not UTF-8")]
    [TestCase(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, TestName = "A code point above U+10FFFF is not UTF-8")]
    [TestCase(new byte[] { 0xFF }, TestName = "Byte FF is not UTF-8")]
    [TestCase(new byte[] { 0x80 }, TestName = "A lone continuation byte is not UTF-8")]
    public void Invalid_utf8_in_a_payload_string_is_malformed(byte[] invalid)
    {
        var bench = TokenBench.Create();
        var payload = Encoding.UTF8.GetBytes(bench.Claims().Set("name", "\"Ada@\"").ToJson());
        var at = Array.IndexOf(payload, (byte)'@');
        byte[] spliced = [.. payload[..at], .. invalid, .. payload[(at + 1)..]];
        Assert.That(bench.Reason(bench.Sign(Encoding.UTF8.GetBytes(bench.Header()), spliced)), Is.EqualTo(TokenRejection.Malformed));
    }

    [Test]
    public void Invalid_utf8_in_the_header_is_malformed()
    {
        var bench = TokenBench.Create();
        var header = Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"x\":\"@\"}");
        header[Array.IndexOf(header, (byte)'@')] = 0xC0;
        Assert.That(bench.Reason(bench.Sign(header, Encoding.UTF8.GetBytes(bench.Claims().ToJson()))), Is.EqualTo(TokenRejection.Malformed));
    }

    [Test]
    public void A_byte_order_mark_before_the_object_is_malformed()
    {
        var bench = TokenBench.Create();
        byte[] payload = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(bench.Claims().ToJson())];
        byte[] header = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(bench.Header())];
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(bench.Sign(Encoding.UTF8.GetBytes(bench.Header()), payload)), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason(bench.Sign(header, Encoding.UTF8.GetBytes(bench.Claims().ToJson()))), Is.EqualTo(TokenRejection.Malformed));
        });
    }

    [TestCase("name")]
    [TestCase("extra")]
    public void An_escaped_lone_surrogate_anywhere_in_the_payload_is_malformed(string claim)
    {
        var bench = TokenBench.Create();
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set(claim, "\"\\ud800\"").ToJson())), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set(claim, "[\"\\udc00x\"]").ToJson())), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Add("\\ud800", "1").ToJson())), Is.EqualTo(TokenRejection.Malformed));
        });
    }

    [Test]
    public void Escaped_valid_unicode_is_read_as_its_characters()
    {
        var bench = TokenBench.Create();
        var token = bench.Sign(bench.Header(), bench.Claims().Set("name", "\"Ad\\u00e1 \\ud83d\\ude00\"").Set("sub", "\"\\u0034\\u0032\"").ToJson());
        var result = bench.Service.Validate(token);
        Assert.That(result.IsValid, Is.True, result.ReasonCode);
        Assert.That(result.User!.Name, Is.EqualTo("Adá 😀"));
        Assert.That(result.User.Id, Is.EqualTo("42"));
    }

    [TestCase("sub", "\"admin\"")]
    [TestCase("exp", "9999999999")]
    [TestCase("iat", "0")]
    [TestCase("nbf", "0")]
    [TestCase("iss", "\"studio-auth\"")]
    [TestCase("aud", "\"studio-auth\"")]
    [TestCase("roles", "[\"admin\"]")]
    [TestCase("jti", "\"other\"")]
    [TestCase("provider", "\"github\"")]
    [TestCase("name", "\"Ada Lovelace\"")]
    [TestCase("email", "null")]
    public void A_duplicate_registered_claim_is_malformed_whichever_value_comes_last(string claim, string value)
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Add(claim, value).ToJson())), Is.EqualTo(TokenRejection.Malformed));
    }

    [TestCase("\\u0073ub", TestName = "A duplicate sub spelled with an escape is malformed")]
    [TestCase("\\u0073\\u0075\\u0062", TestName = "A duplicate sub spelled entirely with escapes is malformed")]
    [TestCase("su\\u0062", TestName = "A duplicate sub with an escaped last letter is malformed")]
    [TestCase("\\u0065xp", TestName = "A duplicate exp spelled with an escape is malformed")]
    [TestCase("\\/sub", TestName = "A member named slash-sub is not sub and is accepted")]
    public void Duplicates_are_found_after_unescaping(string rawName)
    {
        var bench = TokenBench.Create();
        var value = rawName.Contains("exp", StringComparison.Ordinal) || rawName == "\\u0065xp" ? (bench.Now + 60).ToString(System.Globalization.CultureInfo.InvariantCulture) : "\"admin\"";
        var expected = rawName == "\\/sub" ? TokenRejection.None : TokenRejection.Malformed;
        Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Add(rawName, value).ToJson())), Is.EqualTo(expected));
    }

    [Test]
    public void Duplicate_unknown_members_are_malformed_at_every_depth()
    {
        var bench = TokenBench.Create();
        string Token(Func<JsonMembers, JsonMembers> edit) => bench.Sign(bench.Header(), edit(bench.Claims()).ToJson());
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(Token(c => c.Add("x", "1").Add("x", "2"))), Is.EqualTo(TokenRejection.Malformed), "top level");
            Assert.That(bench.Reason(Token(c => c.Add("x", "{\"a\":1,\"a\":2}"))), Is.EqualTo(TokenRejection.Malformed), "depth 2");
            Assert.That(bench.Reason(Token(c => c.Add("x", "{\"a\":{\"b\":[{\"c\":1,\"\\u0063\":2}]}}"))), Is.EqualTo(TokenRejection.Malformed), "depth 5, escaped");
            Assert.That(bench.Reason(Token(c => c.Add("x", "[{\"a\":1},{\"a\":1}]"))), Is.EqualTo(TokenRejection.None), "same name in sibling objects is fine");
            Assert.That(bench.Reason(Token(c => c.Add("x", "{\"a\":1,\"A\":2}"))), Is.EqualTo(TokenRejection.None), "names differing in case are distinct");
        });
    }

    [Test]
    public void Duplicate_members_inside_a_registered_claim_value_are_malformed()
    {
        var bench = TokenBench.Create();
        Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Set("exp", "{\"a\":1,\"a\":1}").ToJson())), Is.EqualTo(TokenRejection.Malformed));
    }

    [TestCase("alg", "\"HS256\"")]
    [TestCase("typ", "\"JWT\"")]
    [TestCase("kid", null)]
    [TestCase("\\u0061lg", "\"HS256\"")]
    [TestCase("x5u", "\"a\"")]
    public void A_duplicate_header_member_is_malformed(string name, string? value)
    {
        var bench = TokenBench.Create();
        var header = bench.Header()[..^1] + $",\"{name}\":{value ?? $"\"{bench.KeyId}\""}" + (name == "x5u" ? ",\"x5u\":\"b\"" : "") + "}";
        Assert.That(bench.Reason(bench.Sign(header, bench.Claims().ToJson())), Is.EqualTo(TokenRejection.Malformed));
    }

    [Test]
    public void Payload_nested_to_depth_16_is_read_and_depth_17_is_malformed()
    {
        var bench = TokenBench.Create();

        // The payload object itself is depth 1; "deep" adds the rest.
        static string Nest(int levels) => new string('[', levels) + new string(']', levels);
        var at16 = bench.Sign(bench.Header(), bench.Claims().Add("deep", Nest(15)).ToJson());
        var at17 = bench.Sign(bench.Header(), bench.Claims().Add("deep", Nest(16)).ToJson());
        var objects17 = bench.Sign(bench.Header(), bench.Claims().Add("deep", string.Concat(Enumerable.Repeat("{\"a\":", 16)) + "1" + new string('}', 16)).ToJson());
        Assert.Multiple(() =>
        {
            Assert.That(bench.Reason(at16), Is.EqualTo(TokenRejection.None));
            Assert.That(bench.Reason(at17), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason(objects17), Is.EqualTo(TokenRejection.Malformed));
            Assert.That(bench.Reason(bench.Sign(bench.Header(), bench.Claims().Add("deep", Nest(2000)).ToJson())), Is.EqualTo(TokenRejection.Malformed));
        });
    }

    [Test]
    public void Header_nested_deeper_than_16_is_malformed()
    {
        var bench = TokenBench.Create();
        var header = "{\"alg\":\"HS256\",\"x\":" + new string('[', 16) + new string(']', 16) + "}";
        Assert.That(bench.Reason(bench.Sign(header, bench.Claims().ToJson())), Is.EqualTo(TokenRejection.Malformed));
    }
}
