using System.Collections.Concurrent;
using Studio.Auth.Providers;

namespace Studio.Auth.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The identities a <see cref="TestIdentityProvider"/> knows, by authorization code, and a count of
/// code exchanges (the provider's "token endpoint" calls).
/// </summary>
internal sealed class TestIdentities
{
    private readonly ConcurrentDictionary<string, ExternalIdentity> _byCode = new(StringComparer.Ordinal);
    private int _exchanges;

    public TestIdentities()
    {
        Add("ada", new ExternalIdentity { Id = "1001", Name = "Ada Lovelace", Email = "ada@example.test", AvatarUrl = "https://avatars.example.test/1001.png", UserName = "ada" });
        Add("grace", new ExternalIdentity { Id = "1002", Name = "Grace Hopper", Email = "grace@example.test", UserName = "grace" });
        Add("root", new ExternalIdentity { Id = "1003", Name = "Root Admin", UserName = "root", Roles = ["admin"] });
    }

    /// <summary>How many times the provider was asked to exchange a code.</summary>
    public int Exchanges => Volatile.Read(ref _exchanges);

    /// <summary>The callback URL the provider reports (its origin is trusted for WebSockets by default).</summary>
    public Uri? CallbackUrl { get; set; }

    public void Add(string code, ExternalIdentity identity) => _byCode[code] = identity;

    public ExternalIdentityResult Exchange(string code)
    {
        Interlocked.Increment(ref _exchanges);
        return _byCode.TryGetValue(code, out var identity)
            ? ExternalIdentityResult.Success(identity)
            : ExternalIdentityResult.Failure("bad_verification_code", SignInFailureKind.Denied, "The code is not valid.");
    }
}

/// <summary>A provider for HTTP tests, registered through the public <c>AddProvider</c> door like any third-party provider.</summary>
internal sealed class TestIdentityProvider(TestIdentities identities) : AuthProviderBase
{
    public const string TypeName = "test";

    public override Uri? CallbackUrl => identities.CallbackUrl;

    protected override Uri BuildSignInUrl(SignInUrlContext context) =>
        new($"https://idp.example.test/authorize?client_id=test&state={Uri.EscapeDataString(context.State)}&code_challenge={context.CodeChallenge}&code_challenge_method=S256");

    protected override Task<ExternalIdentityResult> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken) =>
        Task.FromResult(identities.Exchange(context.Code));
}
