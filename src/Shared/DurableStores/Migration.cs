namespace Studio.Auth.Stores.Durable;

/// <summary>
/// One versioned schema step. Steps run in version order inside one transaction, each recorded in
/// <c>schema_version</c>; every step is written to be idempotent (<c>IF NOT EXISTS</c>, <c>OR REPLACE</c>)
/// so re-running it on a database that already has it changes nothing.
/// </summary>
internal sealed record Migration(int Version, string Description, string Sql);
