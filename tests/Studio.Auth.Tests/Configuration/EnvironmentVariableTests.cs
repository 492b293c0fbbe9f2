using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Configuration;

/// <summary><c>${NAME}</c> in a string value is read from the environment after parsing.</summary>
public class EnvironmentVariableTests
{
    private readonly List<string> _variables = [];
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown()
    {
        foreach (var name in _variables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        _dir.Dispose();
    }

    // A process-wide variable with a name no other test uses.
    private string Variable(string? value)
    {
        var name = "STUDIO_AUTH_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        _variables.Add(name);
        Environment.SetEnvironmentVariable(name, value);
        return name;
    }

    private static string GitHub(string secretLine, string clientSecret = "def", string callback = "http://localhost:8081/api/auth/callback") =>
        $"type: github\n{secretLine}\ngithub:\n  client_id: abc\n  client_secret: {clientSecret}\n  callback_url: {callback}\n";

    [Test]
    public void Jwt_secret_is_read_from_the_named_variable()
    {
        var name = Variable(TestSecrets.Current);
        using var services = Config.FromYamlFile(_dir.Write(GitHub($"jwt_secret: ${{{name}}}")));
        Assert.That(services.Options().JwtSecret, Is.EqualTo(TestSecrets.Current));
    }

    [Test]
    public void A_variable_inside_a_longer_string_is_replaced_in_place()
    {
        var port = Variable("8081");
        var secret = Variable("gh-secret");
        using var services = Config.FromYamlFile(_dir.Write(GitHub(
            "jwt_secret: " + TestSecrets.Current, clientSecret: $"\"${{{secret}}}\"", callback: $"http://localhost:${{{port}}}/api/auth/callback")));
        var github = services.GetRequiredService<IOptions<GitHubStandInOptions>>().Value;
        Assert.That(github.CallbackUrl, Is.EqualTo("http://localhost:8081/api/auth/callback"));
        Assert.That(github.ClientSecret, Is.EqualTo("gh-secret"));
    }

    [Test]
    public void An_unset_variable_is_refused_naming_it_and_its_key_and_line()
    {
        var name = "STUDIO_AUTH_TEST_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        using var services = Config.FromYamlFile(_dir.Write(GitHub($"jwt_secret: ${{{name}}}")));
        var ex = services.Refused();
        ex.HasProblem("jwt_secret", 2, $"environment variable '{name}' is not set");
        Assert.That(ex.Problems, Has.Count.EqualTo(1), "the unresolved value is not also reported as too short");
    }

    [Test]
    public void A_resolved_value_is_never_printed_even_when_it_is_invalid()
    {
        const string weak = "Short-But-Private-Value-9";
        var name = Variable(weak);
        var logs = new CapturingLoggerProvider();
        using var services = Config.FromYamlFile(_dir.Write(GitHub($"jwt_secret: ${{{name}}}")), logs: logs);
        var ex = services.Refused();
        ex.HasProblem("jwt_secret", 2, "must be at least 32 bytes");
        Assert.That(ex.ToString(), Does.Not.Contain(weak));
        Assert.That(logs.AllText, Does.Not.Contain(weak));
    }

    [Test]
    public void A_variable_value_is_taken_literally_not_parsed_as_yaml()
    {
        var name = Variable("x\ntype: none\n*alias ${OTHER}");
        using var services = Config.FromYamlFile(_dir.Write(GitHub("jwt_secret: " + TestSecrets.Current, clientSecret: $"${{{name}}}")));
        Assert.That(services.Options().Type, Is.EqualTo("github"));
        Assert.That(services.GetRequiredService<IOptions<GitHubStandInOptions>>().Value.ClientSecret, Is.EqualTo("x\ntype: none\n*alias ${OTHER}"));
    }

    [Test]
    public void Double_dollar_writes_a_literal_reference()
    {
        using var services = Config.FromYamlFile(_dir.Write(GitHub("jwt_secret: " + TestSecrets.Current, clientSecret: "\"pa$${NOT_A_VARIABLE}\"")));
        Assert.That(services.GetRequiredService<IOptions<GitHubStandInOptions>>().Value.ClientSecret, Is.EqualTo("pa${NOT_A_VARIABLE}"));
    }

    [Test]
    public void A_lone_dollar_is_kept()
    {
        using var services = Config.FromYamlFile(_dir.Write(GitHub("jwt_secret: " + TestSecrets.Current, clientSecret: "\"cost$5\"")));
        Assert.That(services.GetRequiredService<IOptions<GitHubStandInOptions>>().Value.ClientSecret, Is.EqualTo("cost$5"));
    }

    [TestCase("${UNCLOSED")]
    [TestCase("${}")]
    [TestCase("${WITH SPACE}")]
    [TestCase("${1STARTS_WITH_DIGIT}")]
    public void A_malformed_reference_is_refused(string value)
    {
        using var services = Config.FromYamlFile(_dir.Write(GitHub("jwt_secret: " + TestSecrets.Current, clientSecret: $"\"{value}\"")));
        services.Refused().HasProblem("github.client_secret", 5, "malformed ${NAME} reference");
    }

    [Test]
    public void Variables_in_lists_are_expanded_with_the_item_index_in_problems()
    {
        var admin = Variable("12345");
        var missing = "STUDIO_AUTH_TEST_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        using var services = Config.FromYamlFile(_dir.Write(
            GitHub("jwt_secret: " + TestSecrets.Current) + $"admins: [\"${{{admin}}}\", \"${{{missing}}}\"]\n"));
        services.Refused().HasProblem("admins.1", 7, $"'{missing}' is not set");
    }

    [Test]
    public void A_resolved_type_is_not_echoed_by_unknown_type_or_by_the_messages_that_name_the_type()
    {
        var name = Variable("Private-Value-From-Env");
        using var services = Config.FromYamlFile(_dir.Write($"type: ${{{name}}}\n"));
        var ex = services.Refused();
        ex.HasProblem("type", 1, "unknown type '(a value from the environment)'; registered types:");
        ex.HasProblem("jwt_secret", 1, "is required when type is '(a value from the environment)'");
        Assert.That(ex.Message, Does.Not.Contain("private-value").IgnoreCase);
    }

    [Test]
    public void A_literal_type_is_still_echoed()
    {
        using var services = Config.FromYamlFile(_dir.Write("type: okta\n"));
        services.Refused().HasProblem("type", 1, "unknown type 'okta'");
    }
}
