using System.Reflection;

namespace Studio.Auth.Sqlite;

/// <summary>
/// Where the database file lives. The rule: a set <see cref="SqliteStoreOptions.Path"/> is used as
/// given (a relative one from the current directory, as every .NET file API does); unset means
/// <c>studio-auth.db</c> in the app's data directory, <c>{LocalApplicationData}/{ApplicationName}</c>
/// (the host's application name, else the entry assembly's name). Without a per-user data folder
/// (no HOME), the data directory is <c>App_Data</c> under the app's base directory.
/// </summary>
internal static class SqliteFileLocation
{
    public static string Resolve(string? configuredPath, string? applicationName)
    {
        return string.IsNullOrEmpty(configuredPath)
            ? System.IO.Path.Combine(DataDirectory(applicationName), SqliteStoreOptions.DefaultFileName)
            : System.IO.Path.GetFullPath(configuredPath);
    }

    public static string DataDirectory(string? applicationName)
    {
        var name = string.IsNullOrWhiteSpace(applicationName)
            ? Assembly.GetEntryAssembly()?.GetName().Name ?? "Studio.Auth"
            : applicationName;
        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(root)
            ? System.IO.Path.Combine(AppContext.BaseDirectory, "App_Data")
            : System.IO.Path.Combine(root, name);
    }
}
