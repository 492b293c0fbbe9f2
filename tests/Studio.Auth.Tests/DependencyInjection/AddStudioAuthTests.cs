using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Gate;
using Studio.Auth.Login;
using Studio.Auth.Providers;
using Studio.Auth.Stores;
using Studio.Auth.Tests.Support;
using Studio.Auth.Tokens;

namespace Studio.Auth.Tests.DependencyInjection;

/// <summary>services.AddStudioAuth(...): validated at start, idempotent, replaceable parts.</summary>
public class AddStudioAuthTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private sealed class StartedFlag : IHostedService
    {
        public bool Started { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Test]
    public async Task An_invalid_file_stops_a_generic_host_at_start_up()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddStudioAuth(["--auth-config", _dir.Write("type: github\njwt_secret: short\n")]).AddGitHubStandIn();
        var flag = new StartedFlag();
        builder.Services.AddSingleton<IHostedService>(flag);
        using var host = builder.Build();

        var ex = Assert.ThrowsAsync<AuthConfigException>(() => host.StartAsync());
        Assert.That(ex!.Problems.Select(p => p.Key), Is.EquivalentTo(new[] { "jwt_secret", "github", "github.client_id", "github.client_secret", "github.callback_url" }));
        Assert.That(flag.Started, Is.False, "no hosted service started: the host did not come up");
        await Task.CompletedTask;
    }

    [Test]
    public void ValidateOnStart_also_catches_invalid_options_set_in_code()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddStudioAuth(o => o.TokenExpiryMinutes = 0);
        using var host = builder.Build();
        var ex = Assert.ThrowsAsync<AuthConfigException>(() => host.StartAsync());
        ex!.HasProblem("token_expiry_minutes", null, "must be between 1 and 10080");
        Assert.That(ex.Message, Does.StartWith("Studio.Auth configuration is invalid (options set in code):"));
    }

    [Test]
    public void The_exception_is_an_OptionsValidationException_for_hosts_that_already_handle_those()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(o => o.Type = "github");
        using var host = services.BuildServiceProvider();
        var ex = Assert.Throws<AuthConfigException>(() => _ = host.GetRequiredService<IOptions<StudioAuthOptions>>().Value);
        Assert.That(ex, Is.InstanceOf<OptionsValidationException>());
        Assert.That(((OptionsValidationException)ex!).Failures.Count(), Is.EqualTo(ex.Problems.Count));
    }

    [Test]
    public void An_invalid_configuration_is_never_handed_out_later_either()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(o => o.Type = "github");
        using var host = services.BuildServiceProvider();
        Assert.Throws<AuthConfigException>(() => host.GetRequiredService<RequestGate>());
        Assert.Throws<AuthConfigException>(() => host.GetRequiredService<ITokenService>());
        Assert.Throws<AuthConfigException>(() => _ = host.GetRequiredService<IOptionsMonitor<StudioAuthOptions>>().CurrentValue);
    }

    [Test]
    public async Task A_valid_file_lets_the_generic_host_start_and_stop()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddStudioAuth(["--auth-config=" + _dir.Write("type: none\n")]);
        using var host = builder.Build();
        await host.StartAsync();
        Assert.That(host.Services.GetRequiredService<RequestGate>().IsEnabled, Is.False);
        await host.StopAsync();
    }

    [Test]
    public void Calling_AddStudioAuth_twice_registers_everything_once()
    {
        var once = new ServiceCollection();
        once.AddStudioAuth(_ => { });
        var twice = new ServiceCollection();
        twice.AddStudioAuth(_ => { });
        twice.AddStudioAuth();

        Assert.That(twice.Count(d => d.ServiceType == typeof(AuthProviderRegistration)), Is.EqualTo(1));
        Assert.That(twice.Count(d => d.ServiceType == typeof(LoginFlow)), Is.EqualTo(1));
        Assert.That(twice.Count(d => d.ServiceType == typeof(IValidateOptions<StudioAuthOptions>)), Is.EqualTo(1));
        Assert.That(twice.Select(d => d.ServiceType), Is.EquivalentTo(once.Select(d => d.ServiceType)), "the second call adds nothing");
    }

    [Test]
    public void Adding_the_same_provider_twice_registers_it_once()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth().AddGitHubStandIn().AddGitHubStandIn();
        services.AddStudioAuth().AddGitHubStandIn();
        Assert.That(services.Count(d => d.ServiceType == typeof(AuthProviderRegistration)), Is.EqualTo(2), "none and github");
        Assert.That(services.Count(d => d.ServiceType == typeof(GitHubStandInProvider)), Is.EqualTo(1));
        Assert.That(services.Count(d => d.ServiceType == typeof(IConfigureOptions<GitHubStandInOptions>)), Is.EqualTo(1));
    }

    [Test]
    public void A_type_already_taken_by_another_provider_class_is_refused()
    {
        var builder = new ServiceCollection().AddStudioAuth().AddGitHubStandIn();
        var ex = Assert.Throws<InvalidOperationException>(() => builder.AddProvider<CountingProvider>("github"));
        Assert.That(ex!.Message, Does.Contain("'github' is already registered to GitHubStandInProvider"));
        Assert.Throws<InvalidOperationException>(() => builder.AddProvider<NoAuthProvider>("none2"), "one provider class serves one type");
        Assert.Throws<InvalidOperationException>(() => builder.AddProvider<CountingProvider, GitHubStandInOptions>("other"), "one options type per provider");
    }

    [TestCase("")]
    [TestCase("GitHub")]
    [TestCase("my provider")]
    [TestCase("1abc")]
    [TestCase("a-very-long-provider-type-name-over-32")]
    public void A_provider_type_must_be_a_short_lower_case_name(string type) =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddStudioAuth().AddProvider<CountingProvider>(type));

    [Test]
    public void The_last_configuration_source_wins()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(["--auth-config", _dir.Write("type: github\n", "bad.yaml")]);
        services.AddStudioAuth().UseYamlFile(_dir.Write("type: none\ndefault_user:\n  name: Second\n", "good.yaml"));
        using var host = services.BuildServiceProvider();
        Assert.That(host.Options().DefaultUser.Name, Is.EqualTo("Second"));
    }

    [Test]
    public void Code_configuration_runs_after_the_file_and_is_validated_too()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth().UseYamlFile(_dir.Write("type: none\ntoken_expiry_minutes: 30\n")).Configure(o => o.TokenExpiryMinutes *= 2);
        using var host = services.BuildServiceProvider();
        Assert.That(host.Options().TokenExpiryMinutes, Is.EqualTo(60));

        var invalid = new ServiceCollection();
        invalid.AddStudioAuth().UseYamlFile(_dir.Write("type: none\ntoken_expiry_minutes: 30\n")).Configure(o => o.ClockSkewSeconds = 300);
        using var refused = invalid.BuildServiceProvider();
        refused.Refused().HasProblem("clock_skew_seconds", 1, "between 0 and 60");
    }

    [Test]
    [NonParallelizable]
    public void The_code_only_overload_ignores_AUTOGENSTUDIO_AUTH_CONFIG()
    {
        var before = Environment.GetEnvironmentVariable(AuthConfigSource.EnvironmentVariable);
        Environment.SetEnvironmentVariable(AuthConfigSource.EnvironmentVariable, _dir.Write("type: github\n"));
        try
        {
            var services = new ServiceCollection();
            services.AddStudioAuth(o => o.DefaultUser.Name = "Code");
            using var host = services.BuildServiceProvider();
            Assert.That(host.Options().DefaultUser.Name, Is.EqualTo("Code"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(AuthConfigSource.EnvironmentVariable, before);
        }
    }

    [Test]
    public void Works_in_a_container_without_AddLogging()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(_ => { });
        using var host = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Assert.That(host.GetRequiredService<LoginFlow>(), Is.Not.Null);
    }

    [Test]
    public void Stores_and_the_clock_registered_by_the_host_are_kept()
    {
        var users = new InMemoryUserStore();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IUserStore>(users);
        services.AddSingleton<TimeProvider>(time);
        services.AddStudioAuth(_ => { });
        using var host = services.BuildServiceProvider();
        Assert.That(host.GetRequiredService<IUserStore>(), Is.SameAs(users));
        Assert.That(host.GetRequiredService<TimeProvider>(), Is.SameAs(time));
    }

    [Test]
    public void Every_core_service_resolves_as_a_singleton()
    {
        var services = new ServiceCollection();
        services.AddStudioAuth(o =>
        {
            o.Type = "none";
            o.JwtSecret = TestSecrets.Current;
        });
        using var host = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        foreach (var type in new[] { typeof(LoginFlow), typeof(RequestGate), typeof(ITokenService), typeof(StudioUserManager), typeof(AuthProviders), typeof(IUserStore), typeof(ILoginStateStore), typeof(IRevocationStore) })
        {
            var first = host.GetRequiredService(type);
            Assert.That(host.GetRequiredService(type), Is.SameAs(first), type.Name);
        }
    }
}
