using System.Security.Cryptography;
using Studio.Auth.Testing;

namespace Studio.Auth.Stores.Tests.SampleHost;

/// <summary>A temporary directory for one fixture's files (auth.yaml, SQLite file), deleted afterwards.</summary>
internal sealed class SampleHostTestFiles : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("studio-auth-sample-host-");

    public string Root => _directory.FullName;

    /// <summary>Writes an <c>auth.yaml</c> that signs in through <paramref name="github"/> and sends GitHub's callback to <paramref name="callbackHost"/>.</summary>
    public string WriteAuthYaml(FakeGitHubServer github, Uri callbackHost)
    {
        ArgumentNullException.ThrowIfNull(github);
        var path = Path.Combine(Root, "auth.yaml");
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(path, github.AuthYaml(new Uri(callbackHost, "/api/auth/callback").AbsoluteUri, secret));
        return path;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
