namespace Studio.Auth.PostgreSql;

/// <summary>Settings of the PostgreSQL stores (<c>UsePostgreSqlStores</c>).</summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The environment variable read when neither <see cref="ConnectionString"/> nor the named connection string is set.</summary>
    public const string EnvironmentVariable = "STUDIO_AUTH_POSTGRES";

    /// <summary>
    /// The Npgsql connection string. Unset: <c>ConnectionStrings:{ConnectionStringName}</c> from the
    /// host's configuration (so also the <c>ConnectionStrings__StudioAuth</c> environment variable),
    /// else the <c>STUDIO_AUTH_POSTGRES</c> environment variable. A missing one stops the host at start.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The name looked up under <c>ConnectionStrings</c> in configuration. Default <c>StudioAuth</c>.</summary>
    public string ConnectionStringName { get; set; } = "StudioAuth";

    /// <summary>
    /// The schema holding the tables, created when missing: lower-case letters, digits and <c>_</c>,
    /// at most 40. Default <c>studio_auth</c>. Instances sharing a schema share users, sign-ins and revocations.
    /// </summary>
    public string Schema { get; set; } = "studio_auth";

    /// <summary>How often expired sign-ins and revocations are deleted. Default 5 minutes.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the revocation index re-reads recent revocations, in case a notification was missed,
    /// and checks that its listening connection is alive. Notifications normally arrive within
    /// milliseconds; this is the safety net. Default 5 s.
    /// </summary>
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest wait between attempts to re-open the listening connection after it broke. Default 30 s.
    /// The wait never exceeds <see cref="RevocationPollInterval"/> either, so once the database is back other
    /// instances' revocations reach this one within a poll interval however long the outage was.
    /// </summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most sign-ins that may be pending at once (across instances, refreshed every 30 s); beyond it new sign-ins get <c>store_unavailable</c>. Default 100,000.</summary>
    public int MaxPendingSignIns { get; set; } = 100_000;
}
