using System.Reflection;

namespace Studio.Auth.Stores.Tests.Support;

/// <summary>
/// The programs the tests run as processes (<c>RunAsProcess</c> project references): each runs from its
/// own build output, with its own dependencies, whose path the test project embeds at build time.
/// </summary>
public static class BuiltPrograms
{
    /// <summary>The built <c>.dll</c> of <paramref name="name"/> (a project name), checked to exist.</summary>
    public static string DllPath(string name)
    {
        var path = typeof(BuiltPrograms).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BuiltProgram:" + name)?.Value
            ?? throw new InvalidOperationException($"{name} is not a RunAsProcess project reference of the test project.");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is not built at {path}.", path);
    }

    /// <summary>The <c>dotnet</c> that runs the tests (so the programs get the same runtime).</summary>
    public static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
}
