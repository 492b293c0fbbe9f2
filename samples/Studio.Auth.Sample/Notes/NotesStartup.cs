using Studio.Auth.Stores;

namespace Studio.Auth.Sample.Notes;

/// <summary>
/// Creates the notes table at host start, after the stores have created or migrated theirs (hosted
/// services start in registration order). A database that is down now is not fatal: the table is
/// created on the first call once it is back, as the PostgreSQL stores themselves recover.
/// </summary>
internal sealed partial class NotesStartup(INoteStore notes, ILogger<NotesStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await notes.InitializeAsync(cancellationToken);
            LogReady(logger, notes.Location);
        }
        catch (StoreUnavailableException ex)
        {
            LogUnavailable(logger, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1, LogLevel.Information, "Users and notes are kept in {Location}")]
    private static partial void LogReady(ILogger logger, string location);

    [LoggerMessage(2, LogLevel.Warning, "Notes table not created at start; will retry on first use: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
