using Microsoft.Extensions.Options;

namespace Studio.Auth.Sqlite;

/// <summary>Checks <see cref="SqliteStoreOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        var failures = new List<string>();
        if (options.Path is { } path && (path.Length == 0 || path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0))
        {
            failures.Add("Sqlite Path is empty or contains invalid characters.");
        }

        if (options.BusyTimeout < TimeSpan.FromMilliseconds(1) || options.BusyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("Sqlite BusyTimeout must be between 1 ms and 10 minutes.");
        }

        if (options.PurgeInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add("Sqlite PurgeInterval must be at least 1 second.");
        }

        if (options.RevocationPollInterval < TimeSpan.Zero)
        {
            failures.Add("Sqlite RevocationPollInterval must not be negative (zero turns polling off).");
        }

        if (options.MaxPendingSignIns < 1)
        {
            failures.Add("Sqlite MaxPendingSignIns must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
