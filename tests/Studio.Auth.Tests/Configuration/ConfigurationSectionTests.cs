using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Configuration;

/// <summary>The same options from an appsettings.json section, with the same validation.</summary>
public class ConfigurationSectionTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private IConfigurationRoot AppSettings(string json, IDictionary<string, string?>? overrides = null)
    {
        _dir.Write(json, "appsettings.json");
        var builder = new ConfigurationBuilder().SetBasePath(_dir.Path).AddJsonFile("appsettings.json", optional: false);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    private static ServiceProvider Build(IConfiguration section)
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(section).AddGitHubStandIn();
        return services.BuildServiceProvider();
    }

    [Test]
    public void An_unused_block_in_a_section_is_warned_about_without_a_line_number()
    {
        var configuration = AppSettings($$"""
            { "StudioAuth": { "Type": "none", "Msal": { "TenantId": "t" } } }
            """);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddStudioAuth(configuration.GetSection(StudioAuthOptions.DefaultSectionName)).AddGitHubStandIn();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.Options().IsEnabled, Is.False);
        Assert.That(logs.Messages(LogLevel.Warning), Does.Contain("configuration section 'StudioAuth': the 'Msal' block is ignored because type is 'none'"));
    }

    [Test]
    public void An_appsettings_section_in_PascalCase_configures_core_and_provider_options()
    {
        var configuration = AppSettings($$"""
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              "StudioAuth": {
                "Type": "github",
                "JwtSecret": "{{TestSecrets.Current}}",
                "PreviousJwtSecrets": [ "{{TestSecrets.Previous}}" ],
                "TokenExpiryMinutes": 30,
                "ExcludePaths": [ "/api/public/*", "/api/status" ],
                "Admins": [ "12345" ],
                "DefaultUser": { "Name": "Visitor" },
                "GitHub": {
                  "ClientId": "abc",
                  "ClientSecret": "def",
                  "CallbackUrl": "https://studio.example.com/api/auth/callback",
                  "Scopes": [ "read:user", "user:email" ]
                }
              }
            }
            """);
        using var services = Build(configuration.GetSection(StudioAuthOptions.DefaultSectionName));

        var options = services.Options();
        Assert.That(options.Type, Is.EqualTo("github"));
        Assert.That(options.JwtSecret, Is.EqualTo(TestSecrets.Current));
        Assert.That(options.PreviousJwtSecrets, Is.EqualTo(new[] { TestSecrets.Previous }));
        Assert.That(options.TokenExpiryMinutes, Is.EqualTo(30));
        Assert.That(options.ExcludePaths, Is.EqualTo(new[] { "/api/public/*", "/api/status" }));
        Assert.That(options.Admins, Is.EqualTo(new[] { "12345" }));
        Assert.That(options.DefaultUser.Name, Is.EqualTo("Visitor"));
        var github = services.GetRequiredService<IOptions<GitHubStandInOptions>>().Value;
        Assert.That(github.CallbackUrl, Is.EqualTo("https://studio.example.com/api/auth/callback"));
        Assert.That(github.Scopes, Is.EqualTo(new[] { "read:user", "user:email" }));
    }

    [Test]
    public void Snake_case_keys_as_in_auth_yaml_work_in_json_too()
    {
        var configuration = AppSettings($$"""
            { "StudioAuth": { "type": "none", "jwt_secret": "{{TestSecrets.Current}}", "token_expiry_minutes": 15 } }
            """);
        using var services = Build(configuration.GetSection("StudioAuth"));
        Assert.That(services.Options().TokenExpiryMinutes, Is.EqualTo(15));
    }

    [Test]
    public void Later_configuration_providers_override_the_json_file()
    {
        var configuration = AppSettings(
            """{ "StudioAuth": { "Type": "none", "TokenExpiryMinutes": 15 } }""",
            new Dictionary<string, string?> { ["StudioAuth:TokenExpiryMinutes"] = "45", ["StudioAuth:JwtSecret"] = TestSecrets.Current });
        using var services = Build(configuration.GetSection("StudioAuth"));
        Assert.That(services.Options().TokenExpiryMinutes, Is.EqualTo(45));
        Assert.That(services.Options().JwtSecret, Is.EqualTo(TestSecrets.Current));
    }

    [Test]
    public void Invalid_section_is_refused_with_every_problem_naming_the_section_and_key()
    {
        var configuration = AppSettings("""
            {
              "StudioAuth": {
                "Type": "github",
                "JwtSecret": "short",
                "TokenExpiryMinutes": "soon",
                "JwtSecert": "typo",
                "GitHub": { "ClientId": "abc", "CallbackUrl": "http://studio.example.com/cb" }
              }
            }
            """);
        using var services = Build(configuration.GetSection("StudioAuth"));
        var ex = services.Refused();
        ex.HasProblem("jwt_secret", null, "at least 32 bytes");
        ex.HasProblem("TokenExpiryMinutes", null, "must be a whole number");
        ex.HasProblem("JwtSecert", null, "did you mean 'jwt_secret'?");
        ex.HasProblem("github.client_secret", null, "is required");
        ex.HasProblem("github.callback_url", null, "must use https");
        Assert.That(ex.Problems, Has.Count.EqualTo(5));
        Assert.That(ex.Problems.Select(p => p.Source).Distinct(), Is.EqualTo(new[] { "configuration section 'StudioAuth'" }));
    }

    [Test]
    public void A_missing_section_is_refused_rather_than_meaning_auth_off()
    {
        var configuration = AppSettings("""{ "StudioAuht": { "Type": "github" } }""");
        using var services = Build(configuration.GetSection("StudioAuth"));
        var ex = services.Refused();
        ex.HasProblem(string.Empty, null, "is missing or empty; set at least Type");
        Assert.That(ex.Message, Does.Contain("configuration section 'StudioAuth'"));
    }

    [Test]
    public void A_section_without_type_is_refused() =>
        Build(AppSettings($$"""{ "StudioAuth": { "JwtSecret": "{{TestSecrets.Current}}" } }""").GetSection("StudioAuth"))
            .Refused().HasProblem("type", null, "is required");

    [Test]
    public void The_same_key_in_two_spellings_from_two_providers_is_a_duplicate()
    {
        // IConfiguration ignores case only: "Type" from appsettings.json and "ty_pe"/"jwt_secret" from the
        // environment are different keys to it. Before, one silently won, and here "none" turned auth off.
        var configuration = AppSettings(
            $$"""{ "StudioAuth": { "Type": "github", "JwtSecret": "{{TestSecrets.Current}}", "GitHub": { "ClientId": "Ov23liExample", "ClientSecret": "{{TestSecrets.Other}}", "CallbackUrl": "https://studio.example.com/cb" } } }""",
            new Dictionary<string, string?> { ["StudioAuth:jwt_secret"] = TestSecrets.Previous, ["StudioAuth:t-ype"] = "none", ["StudioAuth:GitHub:client_id"] = "Ov23liOther" });
        using var services = Build(configuration.GetSection("StudioAuth"));
        var ex = services.Refused();
        // IConfiguration orders keys, so which spelling is reported as the duplicate is its choice.
        Assert.That(ex.Problems, Has.Count.EqualTo(3), ex.Message);
        Assert.That(ex.Message, Does.Contain("Type: duplicate key (also set as 't-ype')").Or.Contain("t-ype: duplicate key (also set as 'Type')"));
        Assert.That(ex.Message, Does.Contain("jwt_secret: duplicate key (also set as 'JwtSecret')").Or.Contain("JwtSecret: duplicate key (also set as 'jwt_secret')"));
        Assert.That(ex.Message, Does.Contain("GitHub.client_id: duplicate key (also set as 'ClientId')").Or.Contain("GitHub.ClientId: duplicate key (also set as 'client_id')"));
        Assert.That(ex.Message, Does.Not.Contain(TestSecrets.Current).And.Not.Contain(TestSecrets.Previous));
    }
}
