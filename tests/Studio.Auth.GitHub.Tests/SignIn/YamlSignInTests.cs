using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.Login;
using Studio.Auth.GitHub.Tests.Support;
using Studio.Auth.Testing;

namespace Studio.Auth.GitHub.Tests.SignIn;

public class YamlSignInTests
{
    [Test]
    public async Task Auth_yaml_github_block_signs_in_through_the_fake_with_consent_page()
    {
        await using var gh = await FakeGitHubServer.StartAsync(new FakeGitHubServerOptions { AuthorizeMode = FakeGitHubAuthorizeMode.ConsentPage, RequirePkce = true });
        gh.AddUser("hubot", name: null).WithEmail("hubot@example.com");
        var path = Path.Combine(Path.GetTempPath(), $"auth-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, gh.AuthYaml(GitHubSignInHarness.CallbackUrl, GitHubSignInHarness.JwtSecret));
        try
        {
            var services = new ServiceCollection().AddLogging();
            services.AddStudioAuth().UseYamlFile(path).AddGitHub();
            await using var provider = services.BuildServiceProvider();

            var result = await gh.RunSignInAsync(provider.GetRequiredService<LoginFlow>());

            Assert.That(result.Succeeded, Is.True, result.FailureReason);
            Assert.That(result.User!.Name, Is.EqualTo("hubot"), "name falls back to the login");
            var authorize = gh.Requests.First(r => r.Endpoint == FakeGitHubEndpoint.Authorize);
            Assert.That(authorize.Query["code_challenge_method"], Is.EqualTo("S256"));
            Assert.That(authorize.Query["state"], Is.EqualTo(FakeGitHubRequest.Redacted));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
