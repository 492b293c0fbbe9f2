using Studio.Auth.Tests.Support;

namespace Studio.Auth.Tests.Configuration;

/// <summary>The error shown in docs/configuration.md is the one a host really prints.</summary>
public class DocumentedExampleTests
{
    [Test]
    public void The_error_example_in_the_configuration_guide_is_real()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("type: github\njwt_secret: short\ntoken_expiry_minutes: 0\ngithub:\n  callbak_url: http://localhost:8081/api/auth/callback\n  client_id: abc\n  client_secret: def\n");
        using var services = Config.FromYamlFile(path);
        var printed = services.Refused().Message.Replace(path, "/etc/studio/auth.yaml", StringComparison.Ordinal).ReplaceLineEndings("\n");

        var guide = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "docs", "configuration.md"));
        var start = guide.IndexOf("```text\n", StringComparison.Ordinal) + "```text\n".Length;
        var documented = guide[start..guide.IndexOf("\n```", start, StringComparison.Ordinal)];
        Assert.That(printed, Is.EqualTo(documented));
    }
}
