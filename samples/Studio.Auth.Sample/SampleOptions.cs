namespace Studio.Auth.Sample;

/// <summary>
/// The sample's own command line: <c>--demo</c> (sign in against a fake GitHub, offline) and short forms
/// of its database settings (<c>--database</c>, <c>--sqlite</c>, <c>--postgres-schema</c>). Everything
/// else — <c>--auth-config PATH</c>, <c>--urls</c>, any ASP.NET Core setting — goes to the host unchanged.
/// </summary>
public sealed record SampleOptions(bool Demo, string[] HostArgs)
{
    /// <summary>The switch that starts the offline demo.</summary>
    public const string DemoSwitch = "--demo";

    /// <summary><c>--database sqlite|postgres</c>: which database keeps users and notes (default: PostgreSQL when a connection string is configured, else SQLite).</summary>
    public const string DatabaseSwitch = "--database";

    /// <summary><c>--sqlite PATH</c>: the SQLite file (default <c>studio-auth.db</c> in the app's data directory).</summary>
    public const string SqliteSwitch = "--sqlite";

    /// <summary><c>--postgres-schema NAME</c>: the PostgreSQL schema (default <c>studio_auth</c>).</summary>
    public const string PostgresSchemaSwitch = "--postgres-schema";

    /// <summary>Where the sample listens unless <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8081";

    /// <summary>The short switches and the configuration keys they set.</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DatabaseSwitch] = Storage.SampleStorage.DatabaseKey,
        [SqliteSwitch] = Storage.SampleStorage.SqliteSection + ":Path",
        [PostgresSchemaSwitch] = Storage.SampleStorage.PostgreSqlSection + ":Schema",
    };

    /// <summary>Splits the sample's switches from the host's arguments.</summary>
    public static SampleOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var demo = args.Contains(DemoSwitch, StringComparer.Ordinal);
        return new SampleOptions(demo, args.Where(a => a != DemoSwitch).ToArray());
    }
}
