using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Studio.Auth.Sqlite;

/// <summary>
/// Resolves <see cref="SqliteStoreOptions.Path"/> to the full path of the file the stores open (the
/// app's data directory when unset), so the app can find the same file, e.g. to keep its own tables
/// next to the users. A path the validator will refuse is left as it is.
/// </summary>
internal sealed class SqliteStoreOptionsSetup(IHostEnvironment? environment = null) : IPostConfigureOptions<SqliteStoreOptions>
{
    public void PostConfigure(string? name, SqliteStoreOptions options)
    {
        if (options.Path is { } path && (path.Length == 0 || path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0))
        {
            return;
        }

        options.Path = SqliteFileLocation.Resolve(options.Path, environment?.ApplicationName);
    }
}
