using Microsoft.Extensions.Options;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.Sqlite;

/// <summary>Pending sign-ins in the SQLite file (see <see cref="DurableLoginStateStore"/>).</summary>
internal sealed class SqliteLoginStateStore(SqliteDatabase database, IOptions<SqliteStoreOptions> options, TimeProvider time)
    : DurableLoginStateStore(database, options.Value.MaxPendingSignIns, time);
