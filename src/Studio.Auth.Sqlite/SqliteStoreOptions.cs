namespace Studio.Auth.Sqlite;

/// <summary>Settings of the SQLite stores (<c>UseSqliteStores</c>).</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The file name used when <see cref="Path"/> is not set.</summary>
    public const string DefaultFileName = "studio-auth.db";

    /// <summary>
    /// The database file. Unset: <c>studio-auth.db</c> in the app's data directory
    /// (<c>{LocalApplicationData}/{ApplicationName}</c>, so <c>~/.local/share/MyApp/studio-auth.db</c>
    /// on Linux and <c>%LOCALAPPDATA%\MyApp\studio-auth.db</c> on Windows). A relative path is taken
    /// from the current directory. The directory is created when missing. Once configured
    /// (<c>IOptions&lt;SqliteStoreOptions&gt;.Value</c>) it holds the full path of the file the stores
    /// use, so the app can open the same file for its own tables.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>How long a write waits for another process holding the file's write lock before the store counts as unavailable. Default 5 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often expired sign-ins and revocations are deleted. Default 5 minutes.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the file is checked for revocations written by other processes sharing it (one indexed
    /// range query). Default 2 s; <see cref="TimeSpan.Zero"/> turns it off (one process per file).
    /// </summary>
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most sign-ins that may be pending at once; beyond it new sign-ins get <c>store_unavailable</c>. Default 100,000.</summary>
    public int MaxPendingSignIns { get; set; } = 100_000;
}
