using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Configuration;

/// <summary>AutoGen Studio's own auth.yaml, from its documentation, loads unchanged.</summary>
public class AutoGenStudioConfigTests
{
    // docs: microsoft.github.io/autogen/stable/user-guide/autogenstudio-user-guide/experimental.html
    private const string Documented = """
        type: github
        jwt_secret: "your-secret-key" # keep secure!
        token_expiry_minutes: 60
        github:
          client_id: "your-github-client-id"
          client_secret: "your-github-client-secret"
          callback_url: "http://localhost:8081/api/auth/callback"
          scopes: ["user:email"]

        """;

    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Documented_auth_yaml_with_a_real_secret_loads_unchanged()
    {
        var path = _dir.Write(Documented.Replace("your-secret-key", TestSecrets.Current, StringComparison.Ordinal));
        using var services = Config.FromYamlFile(path);

        var options = services.Options();
        Assert.That(options.Type, Is.EqualTo("github"));
        Assert.That(options.JwtSecret, Is.EqualTo(TestSecrets.Current));
        Assert.That(options.TokenExpiryMinutes, Is.EqualTo(60));
        Assert.That(options.IsEnabled, Is.True);

        var github = services.GetRequiredService<IOptions<GitHubStandInOptions>>().Value;
        Assert.That(github.ClientId, Is.EqualTo("your-github-client-id"));
        Assert.That(github.ClientSecret, Is.EqualTo("your-github-client-secret"));
        Assert.That(github.CallbackUrl, Is.EqualTo("http://localhost:8081/api/auth/callback"));
        Assert.That(github.Scopes, Is.EqualTo(new[] { "user:email" }));
    }

    [Test]
    public void Documented_auth_yaml_as_shipped_is_refused_only_for_its_sample_secret()
    {
        using var services = Config.FromYamlFile(_dir.Write(Documented));
        var ex = services.Refused();
        Assert.That(ex.Problems, Has.Count.EqualTo(1));
        ex.HasProblem("jwt_secret", 2, "well-known sample secret");
    }

    [Test]
    public void Scopes_default_to_user_email_when_the_key_is_left_out()
    {
        var yaml = Documented.Replace("your-secret-key", TestSecrets.Current, StringComparison.Ordinal).Replace("  scopes: [\"user:email\"]\n", string.Empty, StringComparison.Ordinal);
        using var services = Config.FromYamlFile(_dir.Write(yaml));
        Assert.That(services.GetRequiredService<IOptions<GitHubStandInOptions>>().Value.Scopes, Is.EqualTo(new[] { "user:email" }));
    }

    [Test]
    public void Msal_and_firebase_blocks_are_accepted_with_a_warning_when_unused()
    {
        var yaml = Documented.Replace("your-secret-key", TestSecrets.Current, StringComparison.Ordinal) + """
            msal:
              tenant_id: "your-tenant-id"
              client_id: "your-client-id"
            firebase:
              api_key: "your-api-key"
            """;
        var logs = new CapturingLoggerProvider();
        var path = _dir.Write(yaml);
        using var services = Config.FromYamlFile(path, logs: logs);

        Assert.That(services.Options().Type, Is.EqualTo("github"));
        var warnings = logs.Messages(LogLevel.Warning).ToList();
        Assert.That(warnings, Does.Contain($"{path}:9: the 'msal' block is ignored because type is 'github'"));
        Assert.That(warnings, Does.Contain($"{path}:12: the 'firebase' block is ignored because type is 'github'"));
        Assert.That(logs.AllText, Does.Not.Contain(TestSecrets.Current), "secrets are never logged");
    }

    [Test]
    public void A_github_block_is_accepted_with_a_warning_when_type_is_none()
    {
        var yaml = Documented.Replace("type: github", "type: none", StringComparison.Ordinal).Replace("your-secret-key", TestSecrets.Current, StringComparison.Ordinal);
        var logs = new CapturingLoggerProvider();
        var path = _dir.Write(yaml);
        using var services = Config.FromYamlFile(path, builder => { }, logs);
        Assert.That(services.Options().IsEnabled, Is.False);
        Assert.That(logs.Messages(LogLevel.Warning), Does.Contain($"{path}:4: the 'github' block is ignored because type is 'none'"));
    }

    [Test]
    public void A_github_block_loads_even_when_no_github_provider_is_registered_and_type_is_none()
    {
        var yaml = Documented.Replace("type: github", "type: none", StringComparison.Ordinal).Replace("your-secret-key", TestSecrets.Current, StringComparison.Ordinal);
        var services = new ServiceCollection();
        services.AddStudioAuth().UseYamlFile(_dir.Write(yaml));
        using var provider = services.BuildServiceProvider();
        Assert.That(provider.Options().Type, Is.EqualTo("none"));
    }
}
