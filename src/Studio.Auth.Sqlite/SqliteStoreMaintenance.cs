using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.Sqlite;

/// <summary>
/// Opens the SQLite file at host start (a file that cannot be opened or migrated stops the host with
/// its path in the message), then purges and follows other processes' revocations in the background.
/// </summary>
internal sealed partial class SqliteStoreMaintenance(
    SqliteDatabase database,
    SqliteLoginStateStore states,
    SqliteRevocationStore revocations,
    IOptions<SqliteStoreOptions> options,
    TimeProvider time,
    ILogger<SqliteStoreMaintenance> logger)
    : DurableStoreMaintenance(database, states, revocations, options.Value.PurgeInterval, time, logger)
{
    private readonly TimeSpan _pollInterval = options.Value.RevocationPollInterval;
    private PeriodicTimer? _pollTimer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The schedule starts now, not whenever the background loop first runs. Zero: one process per file, nothing to follow.
        _pollTimer = _pollInterval > TimeSpan.Zero ? new PeriodicTimer(_pollInterval, Time) : null;
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _pollTimer?.Dispose();
        base.Dispose();
    }

    // A file that cannot be opened is a configuration problem (a path, a permission), not an outage.
    protected override bool CanStartWithoutDatabase(Exception exception)
    {
        LogCannotOpen(Logger, database.FilePath, exception.Message);
        return false;
    }

    protected override Task PollAsync(CancellationToken stoppingToken) =>
        _pollTimer is null ? Task.CompletedTask : PollEveryAsync(_pollTimer, stoppingToken);

    [LoggerMessage(10, LogLevel.Critical, "Studio.Auth SQLite store {Path} cannot be opened: {Reason}")]
    private static partial void LogCannotOpen(ILogger logger, string path, string reason);
}
