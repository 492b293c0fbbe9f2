using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Studio.Auth.Stores.Durable;
using static Studio.Auth.PostgreSql.PostgreSqlDatabase;

namespace Studio.Auth.PostgreSql;

/// <summary>
/// Revocations in PostgreSQL, answered from the in-memory index. Each insert fires a notification
/// (a trigger, so any writer announces) that every instance's listener applies within milliseconds;
/// a catch-up read of the recently recorded rows covers notifications missed while disconnected.
/// </summary>
internal sealed partial class PostgreSqlRevocationStore : DurableRevocationStore
{
    // Rows are re-read this far behind the last read: a row becomes visible at commit, shortly after
    // its recorded_at, and re-applying a row changes nothing.
    private static readonly TimeSpan CatchUpOverlap = TimeSpan.FromMinutes(1);

    private readonly PostgreSqlDatabase _database;
    private readonly ILogger _logger;
    private readonly string _load;
    private readonly string _changes;
    private readonly string _insert;
    private readonly string _delete;
    private DateTimeOffset _readUpTo;

    public PostgreSqlRevocationStore(PostgreSqlDatabase database, TimeProvider time, ILogger<PostgreSqlRevocationStore> logger)
        : base(time, logger)
    {
        _database = database;
        _logger = logger;
        var revocations = database.Schema + ".revocations";
        const string Columns = "token_id, provider, user_id, issued_before, keep_until";
        _load = $"SELECT {Columns} FROM {revocations} WHERE keep_until > @now;";
        _changes = $"SELECT {Columns} FROM {revocations} WHERE recorded_at > @since AND keep_until > @now;";
        _insert = $"INSERT INTO {revocations} ({Columns}) VALUES (@token_id, @provider, @user_id, @issued_before, @keep_until);";
        _delete = $"DELETE FROM {revocations} WHERE keep_until <= @now;";
    }

    /// <summary>Applies a notification payload from the revocation channel; malformed ones are ignored (the catch-up read covers them).</summary>
    public void ApplyNotification(string payload)
    {
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            Apply(new RevocationEntry(
                TextOrNull(root, "t"),
                TextOrNull(root, "p"),
                TextOrNull(root, "u"),
                root.GetProperty("b").ValueKind == JsonValueKind.Number ? FromUnixMicroseconds(root.GetProperty("b").GetInt64()) : default,
                FromUnixMicroseconds(root.GetProperty("k").GetInt64())));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NullReferenceException)
        {
            LogBadNotification(_logger, ex.GetType().Name);
        }
    }

    protected override Task LoadAsync(Action<RevocationEntry> apply, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(async (connection, ct) =>
        {
            var readFrom = await DatabaseNowAsync(connection, ct).ConfigureAwait(false);
            using var command = new NpgsqlCommand(_load, connection);
            command.Parameters.Add(Parameter("now", Time.GetUtcNow()));
            var count = await ReadEntriesAsync(command, apply, ct).ConfigureAwait(false);
            _readUpTo = readFrom;
            return count;
        }, cancellationToken);

    protected override Task ReadChangesAsync(Action<RevocationEntry> apply, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(async (connection, ct) =>
        {
            var readFrom = await DatabaseNowAsync(connection, ct).ConfigureAwait(false);
            using var command = new NpgsqlCommand(_changes, connection);
            command.Parameters.Add(Parameter("since", _readUpTo - CatchUpOverlap));
            command.Parameters.Add(Parameter("now", Time.GetUtcNow()));
            var count = await ReadEntriesAsync(command, apply, ct).ConfigureAwait(false);
            _readUpTo = readFrom;
            return count;
        }, cancellationToken);

    protected override Task InsertAsync(RevocationEntry entry, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(async (connection, ct) =>
        {
            using var command = new NpgsqlCommand(_insert, connection);
            command.Parameters.Add(NullableText("token_id", entry.TokenId));
            command.Parameters.Add(NullableText("provider", entry.Provider));
            command.Parameters.Add(NullableText("user_id", entry.UserId));
            command.Parameters.Add(entry.IsToken
                ? new NpgsqlParameter("issued_before", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = DBNull.Value }
                : Parameter("issued_before", entry.IssuedBefore));
            command.Parameters.Add(Parameter("keep_until", entry.KeepUntil));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    protected override Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(async (connection, ct) =>
        {
            using var command = new NpgsqlCommand(_delete, connection);
            command.Parameters.Add(Parameter("now", now));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private static async Task<DateTimeOffset> DatabaseNowAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand("SELECT clock_timestamp();", connection);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    private static async Task<int> ReadEntriesAsync(NpgsqlCommand command, Action<RevocationEntry> apply, CancellationToken cancellationToken)
    {
        var count = 0;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            apply(new RevocationEntry(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? default : reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4)));
            count++;
        }

        return count;
    }

    private static string? TextOrNull(JsonElement root, string name) =>
        root.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);

    [LoggerMessage(20, LogLevel.Warning, "Ignored a malformed revocation notification ({ExceptionType}); the catch-up read will bring the row")]
    private static partial void LogBadNotification(ILogger logger, string exceptionType);
}
