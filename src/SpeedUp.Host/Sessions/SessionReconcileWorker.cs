using Microsoft.Extensions.Options;
using SpeedUp.Core.Cluster;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Sessions;

namespace SpeedUp.Host.Sessions;

/// <summary>
/// Runs <see cref="SessionReconciler.ReconcileAsync"/> every <see cref="SpeedUpSessionOptions.ReconcileInterval"/> —
/// once per interval across all the instances sharing the store (<see cref="IPeriodicJobTurns"/>), not once per
/// instance: each pass reads every active session's line.
/// </summary>
internal sealed partial class SessionReconcileWorker(
    SessionReconciler reconciler,
    IPeriodicJobTurns turns,
    InstanceIdentity instance,
    IOptions<SpeedUpSessionOptions> options,
    TimeProvider time,
    ILogger<SessionReconcileWorker> logger) : BackgroundService
{
    /// <summary>The job's name among the periodic job turns.</summary>
    internal const string Job = "reconcile";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (!await turns.TryTakeTurnAsync(Job, instance.Id, time.GetUtcNow(), options.Value.ReconcileInterval, stoppingToken).ConfigureAwait(false))
                {
                    continue; // another instance reconciles this interval
                }

                var reapplied = await reconciler.ReconcileAsync(stoppingToken).ConfigureAwait(false);
                if (reapplied > 0)
                {
                    LogReapplied(reapplied);
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
    }

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "Reconciliation re-applied {Count} speed-up(s) the equipment had lost")]
    private partial void LogReapplied(int count);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Error, Message = "Reconciliation waits for the store: {Error}")]
    private partial void LogWaitsForStore(string error);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Error, Message = "Reconciliation failed; retrying at the next tick")]
    private partial void LogFailed(Exception exception);
}
