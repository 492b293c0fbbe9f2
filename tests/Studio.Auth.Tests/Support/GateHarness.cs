using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Studio.Auth.Configuration;
using Studio.Auth.Gate;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Support;

/// <summary>A request gate with auth on (the counting provider) and a token for user 7.</summary>
internal sealed class GateHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public GateHarness(Action<StudioAuthOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(o =>
        {
            o.Type = "counting";
            o.JwtSecret = TestSecrets.Current;
            configure?.Invoke(o);
        }).AddProvider<CountingProvider>("counting");
        _services = services.BuildServiceProvider();
        Gate = _services.GetRequiredService<RequestGate>();
        Tokens = _services.GetRequiredService<ITokenService>();
        Token = Tokens.Issue(new StudioUser("7", "Person 7", null, null, "counting", ["user"])).Token;
    }

    public RequestGate Gate { get; }

    public ITokenService Tokens { get; }

    public string Token { get; }

    public ValueTask<GateResult> SendAsync(string path, StringValues authorization = default, StringValues queryToken = default, bool webSocket = false) =>
        Gate.AuthenticateAsync(new GateRequest("GET", path, authorization, queryToken, webSocket));

    public void Dispose() => _services.Dispose();
}
