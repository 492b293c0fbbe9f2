using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Gate;
using Studio.Auth.Login;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.Smoke;

public class EndToEndSmokeTests
{
    [Test]
    public async Task Guest_sign_in_issues_a_token_the_gate_accepts()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddStudioAuth(o =>
        {
            o.Type = "none";
            o.JwtSecret = "kZ8q3vN1xW7tR4yB6mP0sL2jH5gF9dCaQeUiOo";
        });
        using var provider = services.BuildServiceProvider();
        var flow = provider.GetRequiredService<LoginFlow>();
        var start = await flow.BeginAsync("/notes");
        Assert.That(start.Succeeded, Is.True);
        var query = System.Web.HttpUtility.ParseQueryString(start.LoginUrl!.OriginalString.Split('?')[1]);
        var result = await flow.CompleteAsync(new SignInCallback(query["code"], query["state"], start.BrowserBinding));
        Assert.That(result.Succeeded, Is.True, result.FailureReason);
        Assert.That(result.ReturnPath, Is.EqualTo("/notes"));
        var tokens = provider.GetRequiredService<ITokenService>();
        var validated = tokens.Validate(result.Token!.Token);
        Assert.That(validated.IsValid, Is.True, validated.ReasonCode);
        Assert.That(validated.User!.Id, Is.EqualTo("guestuser@gmail.com"));
    }

    [Test]
    public void Github_type_without_provider_fails_with_every_problem()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "type: github\njwt_secret: short\ntoken_expiry_minutes: 99999\ngithub:\n  client_id: x\n  callbak_url: http://example.com/cb\n");
        var services = new ServiceCollection().AddLogging();
        services.AddStudioAuth().UseYamlFile(path);
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<AuthConfigException>(() => _ = provider.GetRequiredService<IOptions<StudioAuthOptions>>().Value);
        TestContext.Out.WriteLine(ex!.Message);
        Assert.That(ex.Problems.Select(p => p.Key), Does.Contain("type").And.Contain("jwt_secret").And.Contain("token_expiry_minutes"));
    }

    [Test]
    public async Task Gate_refuses_guarded_paths_without_a_token()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddStudioAuth(o =>
        {
            o.Type = "none";
            o.JwtSecret = "kZ8q3vN1xW7tR4yB6mP0sL2jH5gF9dCaQeUiOo";
        });
        using var provider = services.BuildServiceProvider();
        var gate = provider.GetRequiredService<RequestGate>();
        Assert.That(gate.Classify("/API/auth/type/../../teams"), Is.EqualTo(PathAccess.Guarded));
        Assert.That(gate.Classify("/api/auth/type/"), Is.EqualTo(PathAccess.Exempt));
        Assert.That(gate.Classify("/index.html"), Is.EqualTo(PathAccess.Unguarded));
        var result = await gate.AuthenticateAsync(new GateRequest("GET", "/api/teams", default, default, false));
        Assert.That(result.Allowed, Is.True, "none mode lets the guest through");
    }
}
