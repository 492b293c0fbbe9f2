using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using Studio.Auth.Tokens;

namespace Studio.Auth.Benchmarks;

/// <summary>
/// Where a cold validation's time goes, step by step, on the same token as <see cref="TokenBenchmarks"/>:
/// the parts that cannot get cheaper (the HMAC and the constant-time compare) and the parts that are ours.
/// Run separately: <c>-- --filter *Breakdown*</c>.
/// </summary>
public class BreakdownBenchmarks
{
    private readonly byte[] _mac = new byte[HmacSha256.MacBytes];
    private readonly byte[] _other = new byte[HmacSha256.MacBytes];
    private readonly byte[] _scratch = new byte[2048];
    private JwtValidator _validator = null!;
    private SigningKey _key = null!;
    private string _token = null!;
    private string _payloadSegment = null!;
    private byte[] _signingInput = null!;
    private byte[] _payload = null!;

    [GlobalSetup]
    public void Setup()
    {
        var benchmarks = new TokenBenchmarks();
        benchmarks.Setup();
        _token = benchmarks.Issue();
        _key = new SigningKey(Encoding.UTF8.GetBytes(TokenBenchmarks.Secret));
        _validator = new JwtValidator(new SigningKeyRing(_key, []), new TokenPolicy("studio-auth", "studio-auth", TimeSpan.FromSeconds(30), TimeSpan.FromHours(1)), TimeProvider.System);
        _signingInput = Encoding.ASCII.GetBytes(_token[.._token.LastIndexOf('.')]);
        _payloadSegment = _token.Split('.')[1];
        Base64UrlStrict.TryDecode(_payloadSegment, _scratch, out var length);
        _payload = _scratch[..length];
        benchmarks.Cleanup();
    }

    [Benchmark(Description = "HMAC-SHA256 of 1 byte (fixed cost per MAC)")]
    public void HmacOneByte() => HmacSha256.Compute(_key, _signingInput.AsSpan(0, 1), _mac);

    [Benchmark(Description = "HMAC-SHA256 of the signing input")]
    public void HmacToken() => HmacSha256.Compute(_key, _signingInput, _mac);

    [Benchmark(Description = "CryptographicOperations.FixedTimeEquals, 32 bytes")]
    public bool FixedTimeEquals() => CryptographicOperations.FixedTimeEquals(_mac, _other);

    [Benchmark(Description = "strict base64url decode of the payload")]
    public bool DecodePayload() => Base64UrlStrict.TryDecode(_payloadSegment, _scratch, out _);

    [Benchmark(Description = "payload: UTF-8 check and strict JSON read")]
    public TokenRejection ReadPayload() => Utf8.IsValid(_payload) ? JwtJsonReader.ReadPayload(_payload, _validator.Policy, out _) : TokenRejection.Malformed;

    [Benchmark(Description = "signature layer (syntax, header, HMAC)")]
    public TokenRejection SignatureLayer() => _validator.VerifySignature(_token);

    [Benchmark(Description = "full validation without revocation")]
    public Studio.Auth.Tokens.TokenValidationResult FullValidation() => _validator.Validate(_token);
}
