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
    : DurableStoreMaintenance(states, revocations, options.Value.PurgeInterval, time, logger)
{
    private readonly TimeSpan _pollInterval = options.Value.RevocationPollInterval;
    private PeriodicTimer? _pollTimer;

    public override void Dispose()
    {
        _pollTimer?.Dispose();
        base.Dispose();
    }

    protected override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            await revocations.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
            _pollTimer = _pollInterval > TimeSpan.Zero ? new PeriodicTimer(_pollInterval, Time) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCannotOpen(Logger, database.FilePath, ex.Message);
            throw;
        }
    }

    protected override Task PollAsync(CancellationToken stoppingToken) =>
        _pollTimer is null ? Task.CompletedTask : PollEveryAsync(_pollTimer, stoppingToken);

    [LoggerMessage(10, LogLevel.Critical, "Studio.Auth SQLite store {Path} cannot be opened: {Reason}")]
    private static partial void LogCannotOpen(ILogger logger, string path, string reason);
}
