using Microsoft.Extensions.Options;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Events;

namespace SpeedUp.Host.Sessions;

/// <summary>
/// Deletes session events older than <see cref="SessionEventOptions.Retention"/> once an hour (and at start-up), so the
/// outbox does not grow forever; a watcher resuming from a pruned position is told to re-read the state.
/// </summary>
internal sealed partial class SessionEventPruningWorker(
    ISessionEventStore events,
    IOptions<SessionEventOptions> options,
    TimeProvider time,
    ILogger<SessionEventPruningWorker> logger) : BackgroundService
{
    /// <summary>How often the outbox is pruned.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var deleted = await events.PruneAsync(time.GetUtcNow() - options.Value.Retention, stoppingToken).ConfigureAwait(false);
                if (deleted > 0)
                {
                    LogPruned(deleted, options.Value.Retention);
                }
            }
            catch (StoreUnavailableException e)
            {
                LogWaitsForStore(e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1231, Level = LogLevel.Information, Message = "Deleted {Count} session event(s) older than {Retention}")]
    private partial void LogPruned(int count, TimeSpan retention);

    [LoggerMessage(EventId = 1232, Level = LogLevel.Error, Message = "Pruning session events waits for the store: {Error}")]
    private partial void LogWaitsForStore(string error);

    [LoggerMessage(EventId = 1233, Level = LogLevel.Error, Message = "Pruning session events failed; retrying at the next tick")]
    private partial void LogFailed(Exception exception);
}
