using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Tokens;

namespace Studio.Auth.HttpBenchmarks;

/// <summary>
/// The benchmark's <c>auth.yaml</c> loaded and validated by Studio.Auth itself, outside any host: the
/// token service that issues the one token every run presents, and the settings the JwtBearer host
/// copies (secret, issuer, audience, clock skew, key id), so both validate exactly the same token.
/// </summary>
internal sealed class StudioAuthSettings : IDisposable
{
    /// <summary>The user the benchmark token is issued to (a GitHub user, role <c>user</c>).</summary>
    public static readonly StudioUser User = new("583231", "The Octocat", "octocat@example.com", null, "github", [StudioUser.UserRole]);

    private readonly ServiceProvider _services;

    private StudioAuthSettings(ServiceProvider services)
    {
        _services = services;
        Options = services.GetRequiredService<IOptions<StudioAuthOptions>>().Value;
        Tokens = (TokenService)services.GetRequiredService<ITokenService>();
    }

    public StudioAuthOptions Options { get; }

    public TokenService Tokens { get; }

    public static StudioAuthSettings Load(string authConfigPath)
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(["--auth-config", authConfigPath]).AddGitHub();
        return new StudioAuthSettings(services.BuildServiceProvider(validateScopes: true));
    }

    public string IssueBenchmarkToken() => Tokens.Issue(User).Token;

    public void Dispose() => _services.Dispose();
}
