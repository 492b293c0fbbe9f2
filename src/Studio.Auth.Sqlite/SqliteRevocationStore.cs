using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.Sqlite;

/// <summary>
/// Revocations in the SQLite file, answered from the in-memory index. Rows are append-only with an
/// increasing <c>seq</c>; SQLite commits one writer at a time, so "rows after the highest seq seen"
/// is exactly what other processes sharing the file wrote since the last look.
/// </summary>
internal sealed class SqliteRevocationStore(SqliteDatabase database, TimeProvider time, ILogger<SqliteRevocationStore> logger)
    : DurableRevocationStore(database, time, logger)
{
    private long _seenSeq;

    protected override Task LoadAsync(Action<RevocationEntry> apply, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            // One read transaction: the highest seq and the rows come from the same snapshot. Deferred, so
            // reading takes no write lock (ADO.NET's BeginTransaction would begin IMMEDIATE here).
            var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: true);
            await using (transaction.ConfigureAwait(false))
            {
                using var max = connection.CreateCommand("SELECT COALESCE(MAX(seq), 0) FROM revocations;");
                max.Transaction = transaction;
                var seen = (long)(await max.ExecuteScalarAsync(ct).ConfigureAwait(false))!;

                using var command = connection.CreateCommand(
                    $"SELECT {Columns}, seq FROM revocations WHERE seq <= @seen AND keep_until > @now;",
                    SqliteDialect.Parameter("seen", seen),
                    Dialect.Time("now", Time.GetUtcNow()));
                command.Transaction = transaction;
                await ReadEntriesAsync(command, apply, ct).ConfigureAwait(false);
                Volatile.Write(ref _seenSeq, seen);
                return seen;
            }
        }, cancellationToken);

    protected override Task ReadChangesAsync(Action<RevocationEntry> apply, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand(
                $"SELECT {Columns}, seq FROM revocations WHERE seq > @seen AND keep_until > @now ORDER BY seq;",
                SqliteDialect.Parameter("seen", Volatile.Read(ref _seenSeq)),
                Dialect.Time("now", Time.GetUtcNow()));
            var seen = await ReadEntriesAsync(command, apply, ct).ConfigureAwait(false);
            if (seen > Volatile.Read(ref _seenSeq))
            {
                Volatile.Write(ref _seenSeq, seen);
            }

            return seen;
        }, cancellationToken);

    // Rows of Columns then seq; returns the highest seq read (0 when none).
    private async Task<long> ReadEntriesAsync(DbCommand command, Action<RevocationEntry> apply, CancellationToken cancellationToken)
    {
        long highest = 0;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            highest = reader.GetInt64(5);
            apply(ReadEntry(reader));
        }

        return highest;
    }
}
