using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Studio.Auth.Stores.Durable;

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
    private DateTimeOffset _readUpTo;

    public PostgreSqlRevocationStore(PostgreSqlDatabase database, TimeProvider time, ILogger<PostgreSqlRevocationStore> logger)
        : base(database, time, logger)
    {
        _database = database;
        _logger = logger;
        var revocations = database.Table("revocations");
        _load = $"SELECT {Columns} FROM {revocations} WHERE keep_until > @now;";
        _changes = $"SELECT {Columns} FROM {revocations} WHERE recorded_at > @since AND keep_until > @now;";
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
        ApplyRowsAsync(_load, since: null, apply, cancellationToken);

    protected override Task ReadChangesAsync(Action<RevocationEntry> apply, CancellationToken cancellationToken) =>
        ApplyRowsAsync(_changes, _readUpTo - CatchUpOverlap, apply, cancellationToken);

    // Applies the rows of sql (recorded after since, if given), and remembers the database clock from
    // before the read as where the next catch-up starts.
    private Task<int> ApplyRowsAsync(string sql, DateTimeOffset? since, Action<RevocationEntry> apply, CancellationToken cancellationToken) =>
        _database.ReadAsync(async (connection, ct) =>
        {
            var readFrom = await DatabaseNowAsync(connection, ct).ConfigureAwait(false);
            using var command = connection.CreateCommand(sql, Dialect.Time("now", Time.GetUtcNow()));
            if (since is { } recordedAfter)
            {
                command.Parameters.Add(Dialect.Time("since", recordedAfter));
            }

            var count = 0;
            using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    apply(ReadEntry(reader));
                    count++;
                }
            }

            _readUpTo = readFrom;
            return count;
        }, cancellationToken);

    private static async Task<DateTimeOffset> DatabaseNowAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand("SELECT clock_timestamp();");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    private static string? TextOrNull(JsonElement root, string name) =>
        root.GetProperty(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);

    [LoggerMessage(20, LogLevel.Warning, "Ignored a malformed revocation notification ({ExceptionType}); the catch-up read will bring the row")]
    private static partial void LogBadNotification(ILogger logger, string exceptionType);
}
