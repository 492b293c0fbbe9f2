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
    : DurableRevocationStore(time, logger)
{
    private const string Columns = "token_id, provider, user_id, issued_before, keep_until";

    private long _seenSeq;

    protected override Task LoadAsync(Action<RevocationEntry> apply, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            // One read transaction: the highest seq and the rows come from the same snapshot.
            var transaction = connection.BeginTransaction(deferred: true);
            await using (transaction.ConfigureAwait(false))
            {
                using var max = connection.CreateCommand();
                max.Transaction = transaction;
                max.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM revocations;";
                var seen = (long)(await max.ExecuteScalarAsync(ct).ConfigureAwait(false))!;

                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"SELECT seq, {Columns} FROM revocations WHERE seq <= $seen AND keep_until > $now;";
                command.Parameters.AddWithValue("$seen", seen);
                command.Parameters.AddWithValue("$now", SqliteDatabase.ToUnixMs(Time.GetUtcNow()));
                await ReadEntriesAsync(command, apply, ct).ConfigureAwait(false);
                Volatile.Write(ref _seenSeq, seen);
                return seen;
            }
        }, cancellationToken);

    protected override Task ReadChangesAsync(Action<RevocationEntry> apply, CancellationToken cancellationToken) =>
        database.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT seq, {Columns} FROM revocations WHERE seq > $seen AND keep_until > $now ORDER BY seq;";
            command.Parameters.AddWithValue("$seen", Volatile.Read(ref _seenSeq));
            command.Parameters.AddWithValue("$now", SqliteDatabase.ToUnixMs(Time.GetUtcNow()));
            var seen = await ReadEntriesAsync(command, apply, ct).ConfigureAwait(false);
            if (seen > Volatile.Read(ref _seenSeq))
            {
                Volatile.Write(ref _seenSeq, seen);
            }

            return seen;
        }, cancellationToken);

    protected override Task InsertAsync(RevocationEntry entry, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO revocations ({Columns}) VALUES ($token_id, $provider, $user_id, $issued_before, $keep_until);";
            command.Parameters.AddWithValue("$token_id", (object?)entry.TokenId ?? DBNull.Value);
            command.Parameters.AddWithValue("$provider", (object?)entry.Provider ?? DBNull.Value);
            command.Parameters.AddWithValue("$user_id", (object?)entry.UserId ?? DBNull.Value);
            command.Parameters.AddWithValue("$issued_before", entry.IsToken ? DBNull.Value : SqliteDatabase.ToUnixMs(entry.IssuedBefore));
            command.Parameters.AddWithValue("$keep_until", SqliteDatabase.ToUnixMs(entry.KeepUntil));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    protected override Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM revocations WHERE keep_until <= $now;";
            command.Parameters.AddWithValue("$now", SqliteDatabase.ToUnixMs(now));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    // Returns the highest seq read (0 when none).
    private static async Task<long> ReadEntriesAsync(SqliteCommand command, Action<RevocationEntry> apply, CancellationToken cancellationToken)
    {
        long highest = 0;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            highest = reader.GetInt64(0);
            apply(new RevocationEntry(
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? default : SqliteDatabase.FromUnixMs(reader.GetInt64(4)),
                SqliteDatabase.FromUnixMs(reader.GetInt64(5))));
        }

        return highest;
    }
}
