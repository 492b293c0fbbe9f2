using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;

namespace Studio.Auth.GitHub.Tests.Configuration;

/// <summary>The github: block of auth.yaml: every problem reported at once, with file, key and line.</summary>
public class GitHubConfigValidationTests
{
    private const string Secret = "jwt_secret: \"hJ4k9Qz2Lx7Vb1Nw8Rt5Yp3Mc6Gd0Fs-Ae_Ui\"\n";

    private readonly List<string> _files = [];

    [TearDown]
    public void DeleteFiles() => _files.ForEach(File.Delete);

    [Test]
    public void AutoGen_Studio_github_block_loads_unchanged()
    {
        var options = Load("type: github\n" + Secret + """
            token_expiry_minutes: 60
            github:
              client_id: "Ov23liExample"
              client_secret: "a-client-secret"
              callback_url: "http://localhost:8081/api/auth/callback"
              scopes: ["user:email"]
            """, out var services);

        using (services)
        {
            Assert.That(options.ClientId, Is.EqualTo("Ov23liExample"));
            Assert.That(options.CallbackUrl, Is.EqualTo("http://localhost:8081/api/auth/callback"));
            Assert.That(options.Scopes, Is.EqualTo(new[] { "user:email" }));
            Assert.That(options.AllowSignup, Is.True);
            Assert.That(options.BaseUrl, Is.EqualTo("https://github.com"));
            Assert.That(options.TimeoutSeconds, Is.EqualTo(10));
        }
    }

    [Test]
    public void Every_option_binds_from_snake_case_keys()
    {
        var options = Load("type: github\n" + Secret + """
            github:
              client_id: id
              client_secret: secret
              callback_url: https://studio.example.com/api/auth/callback
              scopes: [user:email, read:org]
              allow_signup: false
              base_url: https://github.example.com
              api_url: https://github.example.com/api/v3
              timeout_seconds: 5
              allowed_users: [octocat, "583231"]
              allowed_organizations: [acme]
              allowed_teams: [acme/platform]
              admin_users: [boss]
              admin_organizations: [acme-admins]
              admin_teams: [acme/ops]
            """, out var services);

        using (services)
        {
            Assert.That(options.AllowSignup, Is.False);
            Assert.That(options.ApiUrl, Is.EqualTo("https://github.example.com/api/v3"));
            Assert.That(options.TimeoutSeconds, Is.EqualTo(5));
            Assert.That(options.AllowedUsers, Is.EqualTo(new[] { "octocat", "583231" }));
            Assert.That(options.AllowedTeams, Is.EqualTo(new[] { "acme/platform" }));
            Assert.That(options.AdminOrganizations, Is.EqualTo(new[] { "acme-admins" }));
            Assert.That(options.AdminTeams, Is.EqualTo(new[] { "acme/ops" }));
        }
    }

    [Test]
    public void Missing_required_keys_are_all_reported_with_file_key_and_line()
    {
        var (path, ex) = Fail("type: github\n" + Secret + "github:\n  scopes: [user:email]\n");

        Assert.That(ex.Problems.Select(p => p.Key), Is.SupersetOf(new[] { "github.client_id", "github.client_secret", "github.callback_url" }));
        Assert.That(ex.Problems.Where(p => p.Key.StartsWith("github.", StringComparison.Ordinal)).Select(p => p.Line), Is.All.EqualTo(3));
        Assert.That(ex.Message, Does.Contain(path + ":3:1: github.client_id: is required"));
    }

    [Test]
    public void Missing_github_block_is_reported()
    {
        var (_, ex) = Fail("type: github\n" + Secret);

        Assert.That(ex.Problems.Select(p => p.Key), Does.Contain("github"));
    }

    [TestCase("http://studio.example.com/api/auth/callback", "plain http is allowed only for localhost")]
    [TestCase("/api/auth/callback", "absolute http(s) URL")]
    [TestCase("ftp://studio.example.com/cb", "absolute http(s) URL")]
    [TestCase("https://studio.example.com/cb#x", "fragment")]
    [TestCase("HTTPS://Studio.Example.com/cb", "write it exactly like that")]
    public void Bad_callback_url_is_reported_on_its_line(string url, string message)
    {
        var (_, ex) = Fail("type: github\n" + Secret + $"github:\n  client_id: id\n  client_secret: s\n  callback_url: \"{url}\"\n");

        var problem = ex.Problems.Single(p => p.Key == "github.callback_url");
        Assert.That(problem.Message, Does.Contain(message));
        Assert.That(problem.Line, Is.EqualTo(6));
    }

    [Test]
    public void A_callback_url_from_the_environment_is_not_echoed_when_it_would_be_sent_differently()
    {
        var name = "STUDIO_AUTH_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        Environment.SetEnvironmentVariable(name, "Studio-Private-Host.Example.com");
        try
        {
            var (_, ex) = Fail("type: github\n" + Secret + "github:\n  client_id: id\n  client_secret: s\n  callback_url: https://${" + name + "}/cb\n");

            var problem = ex.Problems.Single(p => p.Key == "github.callback_url");
            Assert.That(problem.Message, Does.StartWith("would be sent to GitHub as '(a value from the environment)'"));
            Assert.That(ex.Message, Does.Not.Contain("private-host").IgnoreCase);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Test]
    public void Organization_lists_without_read_org_scope_are_refused()
    {
        var (_, ex) = Fail("type: github\n" + Secret + """
            github:
              client_id: id
              client_secret: s
              callback_url: http://127.0.0.1:8081/api/auth/callback
              scopes: [user:email]
              allowed_organizations: [acme]
              admin_teams: [acme/ops]
            """);

        var problem = ex.Problems.Single(p => p.Key == "github.scopes");
        Assert.That(problem.Message, Does.Contain("read:org").And.Contain("allowed_organizations").And.Contain("admin_teams"));
        Assert.That(problem.Line, Is.EqualTo(7));
    }

    [Test]
    public void Bad_values_are_all_reported_at_once()
    {
        var (_, ex) = Fail("type: github\n" + Secret + """
            github:
              client_id: id
              client_secret: s
              callback_url: http://localhost:8081/api/auth/callback
              base_url: http://github.example.com
              api_url: https://github.example.com/api/v3?x=1
              timeout_seconds: 0
              scopes: ["user email", read:org]
              allowed_users: [octocat, "not a login"]
              allowed_teams: [no-slash]
              allowed_organizations: ["-bad"]
            """);

        Assert.That(ex.Problems.Select(p => p.Key), Is.EquivalentTo(new[]
        {
            "github.base_url", "github.api_url", "github.timeout_seconds", "github.scopes.0",
            "github.allowed_users.1", "github.allowed_teams.0", "github.allowed_organizations.0",
        }));
    }

    [Test]
    public void Base_url_with_a_path_is_refused()
    {
        var (_, ex) = Fail("type: github\n" + Secret + "github:\n  client_id: id\n  client_secret: s\n  callback_url: http://localhost/cb\n  base_url: https://github.example.com/api/v3\n");

        Assert.That(ex.Problems.Single(p => p.Key == "github.base_url").Message, Does.Contain("without a path"));
    }

    [Test]
    public void Typo_in_a_github_key_is_reported_with_a_suggestion()
    {
        var (_, ex) = Fail("type: github\n" + Secret + "github:\n  client_id: id\n  client_secret: s\n  callback_url: http://localhost/cb\n  allowed_organisations: [acme]\n");

        Assert.That(ex.Problems.Single(p => p.Key == "github.allowed_organisations").Message, Does.Contain("did you mean 'allowed_organizations'"));
    }

    [Test]
    public void Client_secret_never_appears_in_the_message()
    {
        var (_, ex) = Fail("type: github\n" + Secret + "github:\n  client_id: id\n  client_secret: very-secret-value-123\n  callback_url: http://example.com/cb\n");

        Assert.That(ex.Message, Does.Not.Contain("very-secret-value-123"));
    }

    private GitHubAuthOptions Load(string yaml, out ServiceProvider services)
    {
        var path = Write(yaml);
        var collection = new ServiceCollection().AddLogging();
        collection.AddStudioAuth().UseYamlFile(path).AddGitHub();
        services = collection.BuildServiceProvider();
        _ = services.GetRequiredService<IOptions<StudioAuthOptions>>().Value;
        return services.GetRequiredService<IOptions<GitHubAuthOptions>>().Value;
    }

    private (string Path, AuthConfigException Exception) Fail(string yaml)
    {
        var path = Write(yaml);
        var collection = new ServiceCollection().AddLogging();
        collection.AddStudioAuth().UseYamlFile(path).AddGitHub();
        using var services = collection.BuildServiceProvider();
        var ex = Assert.Throws<AuthConfigException>(() => _ = services.GetRequiredService<IOptions<StudioAuthOptions>>().Value)!;
        TestContext.Out.WriteLine(ex.Message);
        return (path, ex);
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"auth-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        _files.Add(path);
        return path;
    }
}
