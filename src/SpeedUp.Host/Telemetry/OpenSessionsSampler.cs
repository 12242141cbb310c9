using Microsoft.Extensions.Options;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Telemetry;

namespace SpeedUp.Host.Telemetry;

/// <summary>
/// Counts the open sessions for <c>speedup.sessions.open</c>: at start-up, then every
/// <see cref="TelemetryOptions.OpenSessionsInterval"/> (one <see cref="ISessionStore.CountOpenAsync"/>, counted by the store), so a scrape
/// never queries the store. The gauge is as old as the last count (at most one interval).
/// </summary>
internal sealed partial class OpenSessionsSampler(
    ISessionStore sessions,
    SessionMetrics metrics,
    IOptions<TelemetryOptions> options,
    TimeProvider time,
    ILogger<OpenSessionsSampler> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OpenSessionsInterval, time);
        do
        {
            try
            {
                metrics.ObserveOpen(await sessions.CountOpenAsync(stoppingToken).ConfigureAwait(false));
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

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Counting open sessions waits for the store: {Error}")]
    private partial void LogWaitsForStore(string error);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Counting open sessions failed; retrying at the next tick")]
    private partial void LogFailed(Exception exception);
}
