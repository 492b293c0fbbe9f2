using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Studio.Auth.Stores;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.PostgreSql;

/// <summary>
/// Prepares the database at host start and keeps this instance's revocation index current: one
/// connection LISTENs on the revocation channel; every <see cref="PostgreSqlStoreOptions.RevocationPollInterval"/>
/// without a notification it checks that connection and re-reads recent rows; when the connection
/// breaks it reconnects with growing delays and catches up. A database that is down at start does
/// not stop the host: sign-ins answer 503 and tokens are refused (the index is unknown) until it is reachable.
/// </summary>
internal sealed partial class PostgreSqlStoreMaintenance(
    PostgreSqlDatabase database,
    PostgreSqlLoginStateStore states,
    PostgreSqlRevocationStore revocations,
    IOptions<PostgreSqlStoreOptions> options,
    TimeProvider time,
    ILogger<PostgreSqlStoreMaintenance> logger)
    : DurableStoreMaintenance(database, states, revocations, options.Value.PurgeInterval, time, logger)
{
    private readonly TimeSpan _pollInterval = options.Value.RevocationPollInterval;

    // While the listener is down nothing reads other instances' revocations, so waiting longer than one poll
    // interval between attempts would make a sign-out made right after an outage reach this instance only
    // after the whole back-off (up to MaxReconnectDelay) instead of within the documented poll interval.
    private readonly TimeSpan _maxReconnectDelay = ReconnectDelayCap(options.Value);

    /// <summary>The longest wait between reconnect attempts: <c>MaxReconnectDelay</c>, but never more than <c>RevocationPollInterval</c>.</summary>
    internal static TimeSpan ReconnectDelayCap(PostgreSqlStoreOptions options) =>
        options.MaxReconnectDelay < options.RevocationPollInterval ? options.MaxReconnectDelay : options.RevocationPollInterval;

    // Instances come and go with the database: one that starts during an outage answers sign-ins with
    // 503 and refuses tokens until it can read the revocation index, then recovers by itself.
    protected override bool CanStartWithoutDatabase(Exception exception)
    {
        if (exception is not StoreUnavailableException)
        {
            return false;
        }

        LogStartedWithoutDatabase(Logger, database.Server, exception.Message);
        return true;
    }

    protected override async Task PollAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => delay = TimeSpan.FromMilliseconds(250), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StoreUnavailableException || database.IsUnavailable(ex, stoppingToken))
            {
                LogListenerLost(Logger, database.Server, delay.TotalSeconds, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(delay, Time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _maxReconnectDelay.Ticks));
        }
    }

    // Runs until the connection breaks (throws) or the host stops.
    private async Task ListenAsync(Action connected, CancellationToken stoppingToken)
    {
        var connection = await database.OpenAsync(stoppingToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += OnNotification;
            using (var listen = new NpgsqlCommand($"LISTEN \"{database.Channel}\";", connection))
            {
                await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
            }

            connected();
            LogListening(Logger, database.Server, database.Channel);

            // Anything recorded while nobody was listening (start-up, an outage) is read now.
            await CatchUpOnceAsync(stoppingToken).ConfigureAwait(false);
            using var probe = new NpgsqlCommand("SELECT 1;", connection);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!await connection.WaitAsync(_pollInterval, stoppingToken).ConfigureAwait(false))
                {
                    await probe.ExecuteScalarAsync(stoppingToken).ConfigureAwait(false);
                    await CatchUpOnceAsync(stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == database.Channel)
        {
            revocations.ApplyNotification(e.Payload);
        }
    }

    [LoggerMessage(30, LogLevel.Error, "Studio.Auth PostgreSQL store {Server} unreachable at start ({Reason}); sign-ins answer 503 and tokens are refused until it is reachable")]
    private static partial void LogStartedWithoutDatabase(ILogger logger, string server, string reason);

    [LoggerMessage(31, LogLevel.Information, "Listening for revocations on {Server} channel {Channel}")]
    private static partial void LogListening(ILogger logger, string server, string channel);

    [LoggerMessage(32, LogLevel.Warning, "Revocation listener on {Server} lost ({ExceptionType}); reconnecting in {DelaySeconds} s")]
    private static partial void LogListenerLost(ILogger logger, string server, double delaySeconds, string exceptionType);
}
