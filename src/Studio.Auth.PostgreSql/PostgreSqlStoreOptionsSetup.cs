using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Studio.Auth.PostgreSql;

/// <summary>
/// Fills <see cref="PostgreSqlStoreOptions.ConnectionString"/> from configuration or the environment
/// when code did not set it, and validates the options at start-up (every problem at once).
/// </summary>
internal sealed partial class PostgreSqlStoreOptionsSetup(IConfiguration? configuration = null)
    : IPostConfigureOptions<PostgreSqlStoreOptions>, IValidateOptions<PostgreSqlStoreOptions>
{
    public void PostConfigure(string? name, PostgreSqlStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            options.ConnectionString = configuration?.GetConnectionString(options.ConnectionStringName)
                ?? Environment.GetEnvironmentVariable(PostgreSqlStoreOptions.EnvironmentVariable);
        }
    }

    public ValidateOptionsResult Validate(string? name, PostgreSqlStoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"No PostgreSQL connection string: set it in UsePostgreSqlStores, under ConnectionStrings:{options.ConnectionStringName} in configuration, or in the {PostgreSqlStoreOptions.EnvironmentVariable} environment variable.");
        }

        if (options.Schema is null || !SchemaName().IsMatch(options.Schema))
        {
            failures.Add("PostgreSQL Schema must be 1 to 40 lower-case letters, digits or '_', starting with a letter or '_'.");
        }

        if (options.PurgeInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add("PostgreSQL PurgeInterval must be at least 1 second.");
        }

        if (options.RevocationPollInterval < TimeSpan.FromMilliseconds(100))
        {
            failures.Add("PostgreSQL RevocationPollInterval must be at least 100 ms.");
        }

        if (options.MaxReconnectDelay < TimeSpan.FromMilliseconds(100))
        {
            failures.Add("PostgreSQL MaxReconnectDelay must be at least 100 ms.");
        }

        if (options.MaxPendingSignIns < 1)
        {
            failures.Add("PostgreSQL MaxPendingSignIns must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
