using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Studio.Auth.Stores.Durable;

/// <summary>
/// The background half of a durable store. At start it prepares the database (migrations) and loads
/// the revocation index before the host serves requests; the package decides whether a database that
/// cannot be reached then stops the host. Then it keeps the index current
/// (<see cref="PollAsync"/>: queued writes, other processes' revocations) and purges expired sign-ins
/// and revocations every purge interval, so no table grows without bound.
/// </summary>
internal abstract partial class DurableStoreMaintenance : BackgroundService
{
    private readonly DurableDatabase _database;
    private readonly ILoginStateStore _states;
    private readonly TimeSpan _purgeInterval;
    private readonly ILogger _logger;
    private PeriodicTimer? _purgeTimer;
    private bool _pollFailing;

    protected DurableStoreMaintenance(
        DurableDatabase database,
        ILoginStateStore states,
        DurableRevocationStore revocations,
        TimeSpan purgeInterval,
        TimeProvider time,
        ILogger logger)
    {
        _database = database;
        _states = states;
        Revocations = revocations;
        _purgeInterval = purgeInterval;
        Time = time;
        _logger = logger;
    }

    protected DurableRevocationStore Revocations { get; }

    protected TimeProvider Time { get; }

    protected ILogger Logger => _logger;

    /// <inheritdoc/>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            await Revocations.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!CanStartWithoutDatabase(ex))
            {
                throw;
            }
        }

        // The schedule starts now, not whenever the background loop first runs.
        _purgeTimer = new PeriodicTimer(_purgeInterval, Time);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _purgeTimer?.Dispose();
        base.Dispose();
    }

    /// <summary>Deletes expired sign-ins and revocations once; returns how many rows went.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var states = await _states.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        var revocations = await Revocations.PurgeExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        LogPurged(_logger, states, revocations);
        return states + revocations;
    }

    /// <summary>
    /// Decides what a database that cannot be migrated or read at start means: logs <paramref name="exception"/>
    /// and returns true to start anyway (the stores answer unavailable and refuse tokens until it can be
    /// read; the background loop keeps trying) or false to stop the host.
    /// </summary>
    protected abstract bool CanStartWithoutDatabase(Exception exception);

    /// <summary>Keeps the revocation index current until the host stops.</summary>
    protected abstract Task PollAsync(CancellationToken stoppingToken);

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(PurgeLoopAsync(stoppingToken), PollAsync(stoppingToken));

    /// <summary>Runs <see cref="DurableRevocationStore.CatchUpAsync"/> on every tick of <paramref name="timer"/> (created at start), logging only when the outcome changes.</summary>
    protected async Task PollEveryAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            await CatchUpOnceAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One catch-up; returns false when the database was unreachable.</summary>
    protected async Task<bool> CatchUpOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Revocations.CatchUpAsync(stoppingToken).ConfigureAwait(false);
            if (_pollFailing)
            {
                _pollFailing = false;
                LogPollRecovered(_logger);
            }

            return true;
        }
        catch (StoreUnavailableException ex)
        {
            if (!_pollFailing)
            {
                _pollFailing = true;
                LogPollFailed(_logger, ex.Message);
            }

            return false;
        }
    }

    private async Task PurgeLoopAsync(CancellationToken stoppingToken)
    {
        while (await WaitAsync(_purgeTimer!, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await PurgeOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException ex)
            {
                LogPurgeFailed(_logger, ex.Message);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(201, LogLevel.Debug, "Purged {States} expired sign-in(s) and {Revocations} expired revocation(s)")]
    private static partial void LogPurged(ILogger logger, int states, int revocations);

    [LoggerMessage(202, LogLevel.Warning, "Purge skipped: {Reason}")]
    private static partial void LogPurgeFailed(ILogger logger, string reason);

    [LoggerMessage(203, LogLevel.Warning, "Revocation index cannot catch up: {Reason}; retrying")]
    private static partial void LogPollFailed(ILogger logger, string reason);

    [LoggerMessage(204, LogLevel.Information, "Revocation index caught up again")]
    private static partial void LogPollRecovered(ILogger logger);
}
