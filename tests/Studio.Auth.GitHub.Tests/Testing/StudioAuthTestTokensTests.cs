using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.Gate;
using Studio.Auth.Stores;
using Studio.Auth.Testing;

namespace Studio.Auth.GitHub.Tests.Testing;

public class StudioAuthTestTokensTests
{
    [Test]
    public async Task Test_token_is_accepted_by_the_gate_and_the_user_is_stored()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddStudioAuth(o =>
        {
            o.Type = "github";
            o.JwtSecret = Support.GitHubSignInHarness.JwtSecret;
        }).AddGitHub(o =>
        {
            o.ClientId = "id";
            o.ClientSecret = "secret";
            o.CallbackUrl = "http://localhost/api/auth/callback";
        });
        await using var provider = services.BuildServiceProvider();

        var issued = await provider.IssueTestTokenAsync(StudioAuthTestTokens.GitHubUser(583231, "octocat", admin: true));
        var gate = await provider.GetRequiredService<RequestGate>().AuthenticateAsync(new GateRequest("GET", "/api/teams", "Bearer " + issued.Token, default, false));

        Assert.That(gate.Allowed, Is.True);
        Assert.That(gate.User!.Id, Is.EqualTo("583231"));
        Assert.That(gate.User.IsInRole("admin"), Is.True);
        Assert.That(await provider.GetRequiredService<IUserStore>().FindAsync("github", "583231"), Is.Not.Null);
    }
}
