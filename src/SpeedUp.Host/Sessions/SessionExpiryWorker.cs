using Microsoft.Extensions.Options;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Sessions;

namespace SpeedUp.Host.Sessions;

/// <summary>
/// Ends due sessions: sweeps at start-up (sessions that fell due while the service was down, or were left half-way by
/// this or another instance), then when the next session falls due, and at least every
/// <see cref="SpeedUpSessionOptions.SweepInterval"/>. Instances sharing a store sweep together: each claims what it restores.
/// </summary>
internal sealed partial class SessionExpiryWorker(
    SessionRestorer restorer,
    IOptions<SpeedUpSessionOptions> options,
    TimeProvider time,
    ILogger<SessionExpiryWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.SweepInterval;
            try
            {
                var ended = await restorer.SweepAsync(stoppingToken).ConfigureAwait(false);
                if (ended > 0)
                {
                    LogSwept(ended);
                }
            }
            catch (StoreUnavailableException e)
            {
                // Every tick while the database is away: one line each, without a stack trace.
                LogSweepWaitsForStore(e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e);
            }

            try
            {
                wait = await restorer.UntilNextSweepAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The store is away: the sweep itself reports it at the next tick.
            }

            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Sweep ended {Count} session(s)")]
    private partial void LogSwept(int count);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Session sweep waits for the store: {Error}")]
    private partial void LogSweepWaitsForStore(string error);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Session sweep failed; retrying at the next tick")]
    private partial void LogSweepFailed(Exception exception);
}
