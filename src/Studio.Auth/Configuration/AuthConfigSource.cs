using Microsoft.Extensions.Configuration;

namespace Studio.Auth.Configuration;

/// <summary>
/// Where the configuration comes from: nothing (auth off), a YAML file, or an
/// <see cref="IConfiguration"/> section. <see cref="FromCommandLine"/> applies AutoGen Studio's rule:
/// <c>--auth-config PATH</c> (or <c>--auth-config=PATH</c>) beats the <c>AUTOGENSTUDIO_AUTH_CONFIG</c>
/// environment variable; neither means type <c>none</c>. A named file that is missing or invalid
/// stops start-up; it never falls back to "auth off".
/// </summary>
public abstract class AuthConfigSource
{
    /// <summary>The environment variable AutoGen Studio reads the config path from.</summary>
    public const string EnvironmentVariable = "AUTOGENSTUDIO_AUTH_CONFIG";

    /// <summary>The command-line option that names the config file.</summary>
    public const string CommandLineOption = "--auth-config";

    private AuthConfigSource()
    {
    }

    /// <summary>No configuration: type <c>none</c> unless code configures otherwise.</summary>
    public static AuthConfigSource None { get; } = new NoSource();

    /// <summary>A human-readable description for logs ("file /etc/auth.yaml", "none").</summary>
    public abstract string Description { get; }

    /// <summary>A YAML file (AutoGen Studio's <c>auth.yaml</c> format).</summary>
    public static AuthConfigSource YamlFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new FileSource(path);
    }

    /// <summary>An <see cref="IConfiguration"/> section with the same keys as <c>auth.yaml</c>.</summary>
    public static AuthConfigSource Configuration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return new SectionSource(section);
    }

    /// <summary>
    /// Resolves the source from the command line and the environment:
    /// <c>--auth-config PATH</c> or <c>--auth-config=PATH</c> first, then <c>AUTOGENSTUDIO_AUTH_CONFIG</c>, else <see cref="None"/>.
    /// A malformed option (no path, given twice, misspelt as <c>--auth_config</c> or <c>-auth-config</c>) or an
    /// empty variable is a start-up error, not "no auth".
    /// </summary>
    /// <param name="args">The host's command-line arguments.</param>
    /// <param name="environment">Reads an environment variable; defaults to the process environment.</param>
    public static AuthConfigSource FromCommandLine(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        environment ??= Environment.GetEnvironmentVariable;
        string? path = null;
        var count = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == CommandLineOption)
            {
                count++;
                path = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : string.Empty;
            }
            else if (arg.StartsWith(CommandLineOption + "=", StringComparison.Ordinal))
            {
                count++;
                path = arg[(CommandLineOption.Length + 1)..];
            }
            else if (IsMisspeltOption(arg, out var spelt))
            {
                // A typo must not quietly mean "no authentication".
                return new InvalidSource("command line", $"'{spelt}' is not an option; write {CommandLineOption} PATH or {CommandLineOption}=PATH");
            }
        }

        if (count > 1)
        {
            return new InvalidSource("command line", $"{CommandLineOption} is given {count} times; give it once");
        }

        if (path is not null)
        {
            return string.IsNullOrWhiteSpace(path)
                ? new InvalidSource("command line", $"{CommandLineOption} needs a path: {CommandLineOption} /path/to/auth.yaml")
                : new FileSource(path);
        }

        var fromEnvironment = environment(EnvironmentVariable);
        if (fromEnvironment is null)
        {
            return None;
        }

        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? new InvalidSource("environment", $"{EnvironmentVariable} is set but empty; unset it for no authentication or set it to a file path")
            : new FileSource(fromEnvironment);
    }

    internal abstract AuthConfigDocument Read(Func<string, string?> environment);

    // --auth_config, --Auth-Config, -auth-config, --authconfig, --auth-config:PATH and the like.
    private static bool IsMisspeltOption(string arg, out string spelt)
    {
        spelt = arg.Split('=', ':')[0];
        if (!spelt.StartsWith('-'))
        {
            return false; // a value such as "auth-config" belongs to some other option
        }

        var name = spelt.TrimStart('-').Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return string.Equals(name, "authconfig", StringComparison.OrdinalIgnoreCase);
    }

    private sealed class NoSource : AuthConfigSource
    {
        public override string Description => "none (authentication off)";

        internal override AuthConfigDocument Read(Func<string, string?> environment) => AuthConfigDocument.Empty("options set in code");
    }

    private sealed class FileSource(string path) : AuthConfigSource
    {
        public override string Description => "file " + path;

        internal override AuthConfigDocument Read(Func<string, string?> environment) => YamlConfigReader.ReadFile(path, environment);
    }

    private sealed class SectionSource(IConfiguration section) : AuthConfigSource
    {
        public override string Description => section is IConfigurationSection s ? "configuration section " + s.Path : "configuration";

        internal override AuthConfigDocument Read(Func<string, string?> environment) => ConfigurationSectionReader.Read(section);
    }

    private sealed class InvalidSource(string where, string message) : AuthConfigSource
    {
        public override string Description => where;

        internal override AuthConfigDocument Read(Func<string, string?> environment) =>
            AuthConfigDocument.Failed(where, new AuthConfigProblem(where, string.Empty, message));
    }
}
