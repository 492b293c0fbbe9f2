using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.Configuration;
using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Configuration;

/// <summary>--auth-config PATH or --auth-config=PATH beats AUTOGENSTUDIO_AUTH_CONFIG; neither means type none.</summary>
public class ConfigSourceResolutionTests
{
    private TempDirectory _dir = null!;
    private string _fromArgs = null!;
    private string _fromEnvironment = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _fromArgs = _dir.Write("type: none\ndefault_user:\n  name: From args\n", "args.yaml");
        _fromEnvironment = _dir.Write("type: none\ndefault_user:\n  name: From environment\n", "env.yaml");
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static Func<string, string?> Environment(string? value) =>
        name => name == AuthConfigSource.EnvironmentVariable ? value : null;

    // Loads the options from the resolved source, as the host would.
    private static string GuestName(AuthConfigSource source)
    {
        var services = new ServiceCollection();
        services.AddStudioAuth().UseSource(source);
        using var provider = services.BuildServiceProvider();
        return provider.Options().DefaultUser.Name;
    }

    private static AuthConfigException Refused(AuthConfigSource source)
    {
        var services = new ServiceCollection();
        services.AddStudioAuth().UseSource(source);
        using var provider = services.BuildServiceProvider();
        return provider.Refused();
    }

    [Test]
    public void Auth_config_option_with_a_separate_path_beats_the_environment() =>
        Assert.That(GuestName(AuthConfigSource.FromCommandLine(["ui", "--port", "8081", "--auth-config", _fromArgs], Environment(_fromEnvironment))), Is.EqualTo("From args"));

    [Test]
    public void Auth_config_option_with_equals_beats_the_environment() =>
        Assert.That(GuestName(AuthConfigSource.FromCommandLine(["--auth-config=" + _fromArgs], Environment(_fromEnvironment))), Is.EqualTo("From args"));

    [Test]
    public void The_environment_variable_is_used_without_the_option() =>
        Assert.That(GuestName(AuthConfigSource.FromCommandLine(["ui", "--port", "8081"], Environment(_fromEnvironment))), Is.EqualTo("From environment"));

    [Test]
    public void Neither_means_authentication_off_with_the_default_guest()
    {
        var source = AuthConfigSource.FromCommandLine(["ui"], Environment(null));
        Assert.That(source, Is.SameAs(AuthConfigSource.None));
        var services = new ServiceCollection();
        services.AddStudioAuth().UseSource(source);
        using var provider = services.BuildServiceProvider();
        var options = provider.Options();
        Assert.That(options.Type, Is.EqualTo("none"));
        Assert.That(options.IsEnabled, Is.False);
        Assert.That(options.DefaultUser.Id, Is.EqualTo("guestuser@gmail.com"));
    }

    [Test]
    public void A_named_file_that_is_missing_never_falls_back_to_auth_off()
    {
        var missing = Path.Combine(_dir.Path, "missing.yaml");
        Refused(AuthConfigSource.FromCommandLine(["--auth-config", missing], Environment(null))).HasProblem(string.Empty, null, "file not found");
        Refused(AuthConfigSource.FromCommandLine([], Environment(missing))).HasProblem(string.Empty, null, "file not found");
    }

    [TestCase(new[] { "--auth-config" }, "--auth-config needs a path", TestName = "Auth_config_option_without_a_path_is_refused")]
    [TestCase(new[] { "--auth-config", "--port", "8081" }, "--auth-config needs a path", TestName = "Auth_config_option_followed_by_another_option_is_refused")]
    [TestCase(new[] { "--auth-config=" }, "--auth-config needs a path", TestName = "Auth_config_option_with_an_empty_value_is_refused")]
    [TestCase(new[] { "--auth-config", "a.yaml", "--auth-config=b.yaml" }, "given 2 times", TestName = "Auth_config_option_given_twice_is_refused")]
    [TestCase(new[] { "--auth_config", "a.yaml" }, "'--auth_config' is not an option", TestName = "Auth_config_option_with_an_underscore_is_refused")]
    [TestCase(new[] { "--Auth-Config", "a.yaml" }, "'--Auth-Config' is not an option", TestName = "Auth_config_option_in_another_case_is_refused")]
    [TestCase(new[] { "-auth-config", "a.yaml" }, "'-auth-config' is not an option", TestName = "Auth_config_option_with_one_dash_is_refused")]
    [TestCase(new[] { "--auth-config:a.yaml" }, "'--auth-config' is not an option", TestName = "Auth_config_option_with_a_colon_is_refused")]
    [TestCase(new[] { "--authconfig=a.yaml" }, "'--authconfig' is not an option", TestName = "Auth_config_option_without_the_dash_is_refused")]
    public void Malformed_option_is_refused(string[] args, string fragment) =>
        Refused(AuthConfigSource.FromCommandLine(args, Environment(null))).HasProblem(string.Empty, null, fragment);

    [Test]
    public void A_misspelt_option_is_refused_even_when_the_environment_names_a_file() =>
        Refused(AuthConfigSource.FromCommandLine(["--auth_config", _fromArgs], Environment(_fromEnvironment))).HasProblem(string.Empty, null, "is not an option");

    [Test]
    public void Other_arguments_that_mention_auth_config_are_left_alone() =>
        Assert.That(GuestName(AuthConfigSource.FromCommandLine(["--name", "auth-config", "--auth-configuration-docs", "auth_config"], Environment(_fromEnvironment))), Is.EqualTo("From environment"));

    [Test]
    public void Empty_environment_variable_is_refused_rather_than_meaning_none() =>
        Refused(AuthConfigSource.FromCommandLine([], Environment("  "))).HasProblem(string.Empty, null, "AUTOGENSTUDIO_AUTH_CONFIG is set but empty");

    [Test]
    public void AddStudioAuth_with_args_reads_the_named_file()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(["--auth-config", _fromArgs]);
        using var provider = services.BuildServiceProvider();
        Assert.That(provider.Options().DefaultUser.Name, Is.EqualTo("From args"));
    }

    [Test]
    [NonParallelizable]
    public void AddStudioAuth_without_a_source_reads_the_process_environment()
    {
        var before = System.Environment.GetEnvironmentVariable(AuthConfigSource.EnvironmentVariable);
        System.Environment.SetEnvironmentVariable(AuthConfigSource.EnvironmentVariable, _fromEnvironment);
        try
        {
            var services = new ServiceCollection();
            services.AddStudioAuth();
            using var provider = services.BuildServiceProvider();
            Assert.That(provider.Options().DefaultUser.Name, Is.EqualTo("From environment"));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable(AuthConfigSource.EnvironmentVariable, before);
        }
    }

    [Test]
    public void Sources_describe_themselves_for_logs()
    {
        Assert.That(AuthConfigSource.None.Description, Is.EqualTo("none (authentication off)"));
        Assert.That(AuthConfigSource.YamlFile("/etc/auth.yaml").Description, Is.EqualTo("file /etc/auth.yaml"));
    }
}
