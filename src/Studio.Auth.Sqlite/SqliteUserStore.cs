using Studio.Auth.Stores.Durable;

namespace Studio.Auth.Sqlite;

/// <summary>Users in the SQLite file (see <see cref="DurableUserStore"/>).</summary>
internal sealed class SqliteUserStore(SqliteDatabase database) : DurableUserStore(database);
