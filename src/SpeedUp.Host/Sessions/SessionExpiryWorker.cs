using Microsoft.Extensions.Options;
using SpeedUp.Core.Sessions;

namespace SpeedUp.Host.Sessions;

/// <summary>
/// Ends due sessions: at start-up gives open sessions' capacity back to their channels and sweeps (sessions that fell
/// due while the service was down, or were left half-way), then sweeps every <see cref="SpeedUpSessionOptions.SweepInterval"/>.
/// </summary>
internal sealed partial class SessionExpiryWorker(
    SessionRestorer restorer,
    SessionReconciler reconciler,
    IOptions<SpeedUpSessionOptions> options,
    TimeProvider time,
    ILogger<SessionExpiryWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var adopted = await reconciler.AdoptOpenSessionsAsync(stoppingToken).ConfigureAwait(false);
        if (adopted > 0)
        {
            LogAdopted(adopted);
        }

        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                var ended = await restorer.SweepAsync(stoppingToken).ConfigureAwait(false);
                if (ended > 0)
                {
                    LogSwept(ended);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Sweep ended {Count} session(s)")]
    private partial void LogSwept(int count);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Session sweep failed; retrying at the next tick")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "{Count} open session(s) hold channel capacity again after start-up")]
    private partial void LogAdopted(int count);
}
