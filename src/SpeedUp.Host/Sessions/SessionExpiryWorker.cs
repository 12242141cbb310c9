using Microsoft.Extensions.Options;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Sessions;

namespace SpeedUp.Host.Sessions;

/// <summary>
/// Ends due sessions: sweeps at start-up (sessions that fell due while the service was down, or were left half-way by
/// this or another instance), then every <see cref="SpeedUpSessionOptions.SweepInterval"/>. Instances sharing a store
/// sweep together: each claims what it restores.
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
            catch (StoreUnavailableException e)
            {
                // Every tick while the database is away: one line each, without a stack trace.
                LogSweepWaitsForStore(e.Message);
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

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Session sweep waits for the store: {Error}")]
    private partial void LogSweepWaitsForStore(string error);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Session sweep failed; retrying at the next tick")]
    private partial void LogSweepFailed(Exception exception);
}
