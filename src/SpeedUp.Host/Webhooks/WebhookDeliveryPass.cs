using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;
using SpeedUp.Core.Cluster;
using SpeedUp.Core.Webhooks;

namespace SpeedUp.Host.Webhooks;

/// <summary>
/// One pass of webhook delivery: queue the events committed since the last fan-out, claim the due deliveries for this
/// instance, POST them (at most <see cref="WebhookOptions.Concurrency"/> at once) and record each outcome: 2xx is
/// delivered; anything else is retried after <see cref="WebhookBackoff"/> until <see cref="WebhookOptions.MaxAttempts"/>,
/// then dead-lettered. An event pruned from the outbox or a URL the allow-list no longer admits is dead-lettered at once.
/// </summary>
public sealed partial class WebhookDeliveryPass(
    IWebhookStore store,
    WebhookCloudEvents cloudEvents,
    WebhookSender sender,
    WebhookUrlPolicy urls,
    ISecretProtector protector,
    InstanceIdentity instance,
    WebhookMetrics metrics,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryPass> logger)
{
    /// <summary>The most outbox sequences one fan-out moves every sink on by (a sink far behind catches up in steps).</summary>
    public const int FanOutSpan = 50_000;

    /// <summary>Runs one pass; returns how many deliveries it claimed (a full batch means more may be due now).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var queued = await store.FanOutAsync(now, FanOutSpan, cancellationToken).ConfigureAwait(false);
        if (queued > 0)
        {
            LogQueued(queued);
        }

        var claimed = await store.ClaimDueAsync(instance.Id, now, settings.ClaimLease, settings.ClaimBatch, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (delivery, ct) => await DeliverAsync(delivery, settings, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return claimed.Count;
    }

    private async Task DeliverAsync(DueWebhookDelivery delivery, WebhookOptions settings, CancellationToken cancellationToken)
    {
        var sink = delivery.Sink;
        if (delivery.Event is not { } e)
        {
            await GiveUpAsync(delivery, null, "the event is no longer kept (pruned from the outbox)", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (urls.Check(sink.Url, out var url) is { } problem)
        {
            await GiveUpAsync(delivery, null, "the sink URL is no longer acceptable: it " + problem, cancellationToken).ConfigureAwait(false);
            return;
        }

        string secret;
        try
        {
            secret = protector.Unprotect(WebhookSecrets.ProtectionIdOf(sink.Id), sink.ProtectedSecret);
        }
        catch (CryptographicException)
        {
            await GiveUpAsync(delivery, null, "the sink's secret cannot be read with this service's master key", cancellationToken).ConfigureAwait(false);
            return;
        }

        var (body, contentType) = cloudEvents.Encode(e);
        var result = await sender.SendAsync(url!, secret, body, contentType, cancellationToken).ConfigureAwait(false);
        var at = time.GetUtcNow();
        if (result.Delivered)
        {
            if (await RecordAsync(new WebhookAttempt(sink.Id, delivery.Sequence, at, WebhookDeliveryState.Delivered, at, result.Status, null), cancellationToken).ConfigureAwait(false))
            {
                metrics.Delivered(at - e.OccurredAt);
            }

            return;
        }

        var attempts = delivery.Attempts + 1;
        if (attempts >= settings.MaxAttempts)
        {
            await GiveUpAsync(delivery, result.Status, result.Error, cancellationToken).ConfigureAwait(false);
            return;
        }

        var next = at + WebhookBackoff.Delay(attempts, settings.InitialBackoff, settings.MaxBackoff, Random.Shared.NextDouble());
        if (await RecordAsync(new WebhookAttempt(sink.Id, delivery.Sequence, at, WebhookDeliveryState.Pending, next, result.Status, result.Error), cancellationToken).ConfigureAwait(false))
        {
            metrics.Retried();
            LogRetry(sink.Id, delivery.Sequence, attempts, result.Error ?? "", next);
        }
    }

    private async Task GiveUpAsync(DueWebhookDelivery delivery, int? status, string? error, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        if (await RecordAsync(new WebhookAttempt(delivery.Sink.Id, delivery.Sequence, at, WebhookDeliveryState.DeadLettered, at, status, error), cancellationToken).ConfigureAwait(false))
        {
            metrics.DeadLettered();
            LogDeadLettered(delivery.Sink.Id, delivery.Sequence, delivery.Attempts + 1, error ?? "");
        }
    }

    private async Task<bool> RecordAsync(WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        if (await store.RecordAttemptAsync(instance.Id, attempt, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        LogClaimLost(attempt.SinkId, attempt.Sequence);
        return false;
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Debug, Message = "Queued {Count} webhook deliveries")]
    private partial void LogQueued(int count);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Webhook delivery {SinkId}/{Sequence} failed (attempt {Attempts}: {Error}); next attempt at {NextAttemptAt:o}")]
    private partial void LogRetry(string sinkId, long sequence, int attempts, string error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Webhook delivery {SinkId}/{Sequence} dead-lettered after {Attempts} attempt(s): {Error}")]
    private partial void LogDeadLettered(string sinkId, long sequence, int attempts, string error);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Information, Message = "Webhook delivery {SinkId}/{Sequence} was taken over or replayed meanwhile; its outcome is not recorded")]
    private partial void LogClaimLost(string sinkId, long sequence);
}
