using System.Globalization;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Tokens.Strict;

/// <summary>
/// The tokens issue 3 lists as accepted by Microsoft.IdentityModel's <see cref="JsonWebTokenHandler"/>
/// (8.23, HS256 pinned unless noted, its default 5-minute skew), each built on a fresh, otherwise
/// valid token signed with the test key. Each test shows the stock handler accepting the token
/// and ours refusing it with the attack's own reason.
/// </summary>
public class MicrosoftHandlerGapTests
{
    public static IEnumerable<TestCaseData> Gaps()
    {
        yield return Gap("a signature with = appended", TokenRejection.Malformed, b => b.ValidToken() + "=");
        yield return Gap("a space inside the payload segment", TokenRejection.Malformed, b => WithInPayloadSegment(b, " "));
        yield return Gap("a newline inside the payload segment", TokenRejection.Malformed, b => WithInPayloadSegment(b, "\n"));
        yield return Gap("a payload with trailing bytes", TokenRejection.Malformed, b => b.Sign(b.Header(), b.Claims().ToJson() + "trailing"));
        yield return Gap("two JSON objects joined", TokenRejection.Malformed, b => b.Sign(b.Header(), b.Claims().ToJson() + "{\"sub\":\"admin\"}"));
        yield return Gap("crit exp in the header", TokenRejection.UnsupportedHeader, b => b.Sign(b.Header()[..^1] + ",\"crit\":[\"exp\"]}", b.Claims().ToJson()));
        yield return Gap("exp as a numeric string", TokenRejection.InvalidClaim, b => b.Sign(b.Header(), b.Claims().Set("exp", $"\"{b.Now + 600}\"").ToJson()));
        yield return Gap("a duplicate sub", TokenRejection.Malformed, b => b.Sign(b.Header(), b.Claims().Add("sub", "\"admin\"").ToJson()));
        yield return Gap("a duplicate exp", TokenRejection.Malformed, b => b.Sign(b.Header(), b.Claims().Add("exp", At(b.Now + 86_400)).ToJson()));
        yield return Gap("a duplicate alg", TokenRejection.Malformed, b => b.Sign("{\"alg\":\"none\",\"alg\":\"HS256\"}", b.Claims().ToJson()));
        yield return Gap("a token expired 4 minutes ago", TokenRejection.Expired,
            b => b.Sign(b.Header(), b.Claims().Set("iat", At(b.Now - 3840)).Set("nbf", At(b.Now - 3840)).Set("exp", At(b.Now - 240)).ToJson()));
        yield return Gap("iat ten years ahead", TokenRejection.IssuedInFuture, b => b.Sign(b.Header(), b.Claims().Set("iat", At(b.Now + 315_360_000)).ToJson()));
        yield return Gap("exp in the year 2286", TokenRejection.LifetimeTooLong, b => b.Sign(b.Header(), b.Claims().Set("exp", "9999999999").ToJson()));
        yield return Gap("HS384 with the HS256 secret", TokenRejection.AlgorithmNotAllowed, b => Hmac(b, "HS384", HashAlgorithmName.SHA384), pinned: false);
        yield return Gap("HS512 with the HS256 secret", TokenRejection.AlgorithmNotAllowed, b => Hmac(b, "HS512", HashAlgorithmName.SHA512), pinned: false);
    }

    [TestCaseSource(nameof(Gaps))]
    public async Task Ours_refuses_what_the_stock_handler_accepts(string attack, TokenRejection expected, Func<TokenBench, string> build, bool pinned)
    {
        var bench = TokenBench.CreateAtRealTime();
        var token = build(bench);
        var microsoft = await new JsonWebTokenHandler().ValidateTokenAsync(token, StockParameters(bench, pinned));
        Assert.Multiple(async () =>
        {
            Assert.That(microsoft.IsValid, Is.True, $"JsonWebTokenHandler accepts {attack} ({microsoft.Exception?.GetType().Name})");
            Assert.That(bench.Reason(token), Is.EqualTo(expected), attack);
            Assert.That(await bench.ReasonAsync(token), Is.EqualTo(expected), attack);
        });
    }

    [Test]
    public async Task The_untampered_token_is_accepted_by_both()
    {
        var bench = TokenBench.CreateAtRealTime();
        var token = bench.ValidToken();
        var microsoft = await new JsonWebTokenHandler().ValidateTokenAsync(token, StockParameters(bench, pinned: true));
        Assert.That(microsoft.IsValid, Is.True, microsoft.Exception?.Message);
        Assert.That(bench.Reason(token), Is.EqualTo(TokenRejection.None));
    }

    /// <summary>
    /// The stock handler as a typical host configures it: issuer, audience, key; 5-minute default skew.
    /// It reads the system clock, so the bench clock starts at the real time.
    /// </summary>
    internal static TokenValidationParameters StockParameters(TokenBench bench, bool pinned) => new()
    {
        ValidIssuer = TokenBench.Issuer,
        ValidAudience = TokenBench.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(bench.Key) { KeyId = bench.KeyId },
        ValidAlgorithms = pinned ? [SecurityAlgorithms.HmacSha256] : null,
    };

    private static TestCaseData Gap(string attack, TokenRejection expected, Func<TokenBench, string> build, bool pinned = true) =>
        new TestCaseData(attack, expected, build, pinned).SetArgDisplayNames(attack);

    private static string At(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    // The MAC is computed over the raw segment text, whitespace included.
    private static string WithInPayloadSegment(TokenBench bench, string whitespace)
    {
        var payload = TokenBench.Base64Url(bench.Claims().ToJson());
        return bench.SignSegments(TokenBench.Base64Url(bench.Header()), payload[..8] + whitespace + payload[8..]);
    }

    private static string Hmac(TokenBench bench, string alg, HashAlgorithmName hash) =>
        TokenBench.SignSegments(TokenBench.Base64Url($$"""{"alg":"{{alg}}","typ":"JWT"}"""), TokenBench.Base64Url(bench.Claims().ToJson()), bench.Key, hash);
}
