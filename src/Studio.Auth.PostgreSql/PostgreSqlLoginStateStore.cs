using Microsoft.Extensions.Options;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.PostgreSql;

/// <summary>
/// Pending sign-ins in PostgreSQL, so a sign-in begun on one instance completes on another (see
/// <see cref="DurableLoginStateStore"/>). The cap is counted across instances every 30 s.
/// </summary>
internal sealed class PostgreSqlLoginStateStore(PostgreSqlDatabase database, IOptions<PostgreSqlStoreOptions> options, TimeProvider time)
    : DurableLoginStateStore(database, options.Value.MaxPendingSignIns, time);
