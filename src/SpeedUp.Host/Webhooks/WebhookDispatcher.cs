using Microsoft.Extensions.Options;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Events;
using SpeedUp.Core.Webhooks;

namespace SpeedUp.Host.Webhooks;

/// <summary>
/// Runs <see cref="WebhookDeliveryPass"/> at start-up, then whenever this instance commits session events
/// (<see cref="SessionEventSignal"/>) and at least every <see cref="WebhookOptions.PollInterval"/> (other instances'
/// events, retries falling due); at once again after a full batch.
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookDeliveryPass pass,
    SessionEventSignal signal,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the pass, so that a commit during the pass still wakes the next one.
            var committed = signal.NextAsync();
            var claimed = 0;
            try
            {
                claimed = await pass.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException e)
            {
                LogWaitsForStore(e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(e);
            }

            if (claimed < options.CurrentValue.ClaimBatch)
            {
                await WaitAsync(committed, options.CurrentValue.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitAsync(Task committed, TimeSpan most, CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(most, time, stop.Token);
        await Task.WhenAny(committed, delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1811, Level = LogLevel.Error, Message = "Webhook delivery waits for the store: {Error}")]
    private partial void LogWaitsForStore(string error);

    [LoggerMessage(EventId = 1812, Level = LogLevel.Error, Message = "Webhook delivery pass failed; retrying at the next poll")]
    private partial void LogPassFailed(Exception exception);
}
