namespace Studio.Auth.Tests.Providers.Acme;

/// <summary>docs/writing-a-provider.md shows the provider that the tests compile and run, verbatim.</summary>
public class ProviderGuideTests
{
    private static string Repository => Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", ".."));

    [TestCase("AcmeDefaults.cs")]
    [TestCase("AcmeOptions.cs")]
    [TestCase("AcmeAuthProvider.cs")]
    [TestCase("AcmeStudioAuthBuilderExtensions.cs")]
    public void The_guide_shows_the_tested_source(string file)
    {
        var guide = File.ReadAllText(Path.Combine(Repository, "docs", "writing-a-provider.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllText(Path.Combine(Repository, "tests", "ThirdParty.Acme", file)).ReplaceLineEndings("\n").TrimEnd('\n');
        Assert.That(guide, Does.Contain("```csharp\n" + source + "\n```"), $"docs/writing-a-provider.md is out of date with tests/ThirdParty.Acme/{file}");
    }
}
