using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;

namespace Studio.Auth.Tests.Configuration;

public class AllowedOriginsValidationTests
{
    [TestCase("https://studio.example.com")]
    [TestCase("https://studio.example.com/")]
    [TestCase("http://localhost:8081")]
    [TestCase("http://127.0.0.1:5173")]
    public void An_absolute_http_origin_is_accepted(string origin)
    {
        var options = Load($"type: none\nallowed_origins: [\"{origin}\"]\n");
        Assert.That(options.AllowedOrigins, Is.EqualTo(new[] { origin }));
    }

    [TestCase("studio.example.com")]
    [TestCase("*")]
    [TestCase("null")]
    [TestCase("ftp://studio.example.com")]
    [TestCase("https://studio.example.com/app")]
    [TestCase("https://studio.example.com/?a=b")]
    [TestCase("https://studio.example.com/#x")]
    [TestCase("https://user@studio.example.com")]
    [TestCase("https://studio.example.com/./")]
    [TestCase("")]
    public void Anything_but_an_origin_stops_start_up_naming_the_key_and_line(string origin)
    {
        var ex = Assert.Throws<AuthConfigException>(() => Load($"type: none\nallowed_origins:\n  - \"{origin}\"\n"));
        Assert.That(ex!.Problems.Select(p => p.Key), Does.Contain("allowed_origins.0"));
        Assert.That(ex.Problems.Single().Line, Is.EqualTo(3));
        Assert.That(ex.Message, Does.Contain("absolute http(s) origin"));
    }

    private static StudioAuthOptions Load(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"studio-auth-origins-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            var services = new ServiceCollection().AddLogging();
            services.AddStudioAuth().UseYamlFile(path);
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<IOptions<StudioAuthOptions>>().Value;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
