using System.Reflection;

namespace Studio.Auth.PublicApi.Tests;

/// <summary>
/// The approved public API of every package. A change to it fails here until the approved file is
/// updated on purpose: run the tests with <c>STUDIO_AUTH_APPROVE_API=1</c>, review the diff of
/// <c>tests/Studio.Auth.PublicApi.Tests/Approved/</c>, and commit it with the change.
/// </summary>
public class PublicApiTests
{
    private static readonly Assembly[] Packages =
    [
        typeof(Studio.Auth.StudioUser).Assembly,
        typeof(Studio.Auth.GitHub.GitHubAuthProvider).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.StudioAuthBuilderAspNetCoreExtensions).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.SqliteStudioAuthBuilderExtensions).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.PostgreSqlStudioAuthBuilderExtensions).Assembly,
        typeof(Studio.Auth.Testing.FakeGitHubServer).Assembly,
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        Packages.Select(a => new TestCaseData(a).SetName($"The public API of {a.GetName().Name} is the approved one"));

    [TestCaseSource(nameof(Cases))]
    public void Public_api_matches_the_approved_file(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        var actual = PublicApiWriter.Write(assembly);
        var sourceFolder = Path.Combine(RepositoryRoot(), "tests", "Studio.Auth.PublicApi.Tests", "Approved");
        var approvedPath = Path.Combine(sourceFolder, name + ".txt");
        if (Environment.GetEnvironmentVariable("STUDIO_AUTH_APPROVE_API") == "1")
        {
            File.WriteAllText(approvedPath, actual);
            Assert.Pass($"approved {approvedPath}");
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved != actual)
        {
            var added = actual.Split('\n').Except(approved.Split('\n')).Where(l => l.Length > 0).ToList();
            var removed = approved.Split('\n').Except(actual.Split('\n')).Where(l => l.Length > 0).ToList();
            Assert.Fail($"The public API of {name} changed. If intended, run the tests with STUDIO_AUTH_APPROVE_API=1 and commit {approvedPath}.\n"
                + string.Join('\n', added.Select(l => "+ " + l).Concat(removed.Select(l => "- " + l))));
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Studio.Auth.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Studio.Auth.sln not found above the test directory.");
    }
}
