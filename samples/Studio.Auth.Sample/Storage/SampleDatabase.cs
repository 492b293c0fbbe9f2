namespace Studio.Auth.Sample.Storage;

/// <summary>The database the sample keeps its users, pending sign-ins, revocations and notes in.</summary>
public enum SampleDatabase
{
    /// <summary>One SQLite file (the default): <c>studio-auth.db</c> in the app's data directory, or <c>--sqlite PATH</c>.</summary>
    Sqlite,

    /// <summary>PostgreSQL, shared by every instance pointed at it: used when a connection string is configured.</summary>
    PostgreSql,
}
