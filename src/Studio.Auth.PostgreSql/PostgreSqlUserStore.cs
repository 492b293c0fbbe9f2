using Studio.Auth.Stores.Durable;

namespace Studio.Auth.PostgreSql;

/// <summary>Users in PostgreSQL, shared by every instance (see <see cref="DurableUserStore"/>).</summary>
internal sealed class PostgreSqlUserStore(PostgreSqlDatabase database) : DurableUserStore(database);
