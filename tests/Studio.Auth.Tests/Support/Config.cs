using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;

namespace Studio.Auth.Tests.Support;

/// <summary>Loads configuration the way a host does (AddStudioAuth + IOptions) and asserts on what it reports.</summary>
internal static class Config
{
    /// <summary>A container configured from the YAML file at <paramref name="path"/>, with the GitHub stand-in registered.</summary>
    public static ServiceProvider FromYamlFile(string path, Action<StudioAuthBuilder>? configure = null, CapturingLoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        var builder = services.AddStudioAuth().UseYamlFile(path).AddGitHubStandIn();
        configure?.Invoke(builder);
        return services.BuildServiceProvider();
    }

    public static StudioAuthOptions Options(this IServiceProvider services) => services.GetRequiredService<IOptions<StudioAuthOptions>>().Value;

    /// <summary>Resolving the options must fail with one <see cref="AuthConfigException"/>.</summary>
    public static AuthConfigException Refused(this IServiceProvider services)
    {
        var ex = Assert.Throws<AuthConfigException>(() => _ = services.Options());
        TestContext.Out.WriteLine(ex!.Message);
        return ex;
    }

    /// <summary>
    /// Asserts one problem at <paramref name="key"/> whose message contains <paramref name="fragment"/>,
    /// on <paramref name="line"/>, and that the text a person reads names the source, the line and the key.
    /// </summary>
    public static AuthConfigProblem HasProblem(this AuthConfigException ex, string key, int? line, string fragment)
    {
        var matches = ex.Problems.Where(p => p.Key == key && p.Message.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"expected one problem at '{key}' containing '{fragment}'; got:\n{ex.Message}");
        var problem = matches[0];
        Assert.That(problem.Line, Is.EqualTo(line), $"line of '{key}'");
        var where = line is { } l ? $"{problem.Source}:{l}:" : problem.Source + ":";
        Assert.That(ex.Message, Does.Contain(where), "the message names the source and line");
        Assert.That(ex.Message, Does.Contain(key.Length == 0 ? problem.Message : $"{key}: {problem.Message}"), "the message names the key");
        return problem;
    }
}
