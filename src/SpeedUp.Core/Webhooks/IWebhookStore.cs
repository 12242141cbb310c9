namespace SpeedUp.Core.Webhooks;

/// <summary>
/// Webhook sinks and their deliveries. Every instance of the service shares them: fan-out is atomic per pass, and a
/// delivery is claimed with a lease by one instance at a time (a dead instance's claims are taken over once they lapse).
/// </summary>
public interface IWebhookStore
{
    /// <summary>
    /// Stores a new sink; its <see cref="WebhookSink.AfterSequence"/> is set by the store to the newest committed event,
    /// so the sink receives the events committed after its registration. Returns the sink as stored.
    /// </summary>
    Task<WebhookSink> CreateSinkAsync(WebhookSink sink, CancellationToken cancellationToken);

    /// <summary>The customer's sinks, oldest first.</summary>
    Task<IReadOnlyList<WebhookSink>> ListSinksAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>The sink, or null.</summary>
    Task<WebhookSink?> FindSinkAsync(string sinkId, CancellationToken cancellationToken);

    /// <summary>Replaces the sink's protected secret; false when there is no such sink.</summary>
    Task<bool> SetSecretAsync(string sinkId, byte[] protectedSecret, CancellationToken cancellationToken);

    /// <summary>Deletes the sink and its deliveries; false when there was no such sink.</summary>
    Task<bool> DeleteSinkAsync(string sinkId, CancellationToken cancellationToken);

    /// <summary>
    /// For every sink, queues a pending delivery (due at <paramref name="now"/>) of each of its customer's events with a
    /// sequence above the sink's <see cref="WebhookSink.AfterSequence"/>, at most <paramref name="limit"/> sequences past
    /// the lowest position, and moves the positions on, atomically: no event is queued twice or skipped, whichever
    /// instances fan out at once. Returns how many deliveries were queued.
    /// </summary>
    Task<int> FanOutAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending deliveries due at <paramref name="now"/> for
    /// <paramref name="instanceId"/> until <paramref name="now"/> + <paramref name="lease"/>: deliveries claimed by
    /// another instance whose lease has not run out are skipped, so no two instances send one delivery at once.
    /// </summary>
    Task<IReadOnlyList<DueWebhookDelivery>> ClaimDueAsync(string instanceId, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt on a delivery claimed by <paramref name="instanceId"/> (counting it and releasing the claim);
    /// false when the claim was lost (taken over or the delivery replayed or deleted meanwhile) and nothing was recorded.
    /// </summary>
    Task<bool> RecordAttemptAsync(string instanceId, WebhookAttempt attempt, CancellationToken cancellationToken);

    /// <summary>
    /// The sink's deliveries, the latest attempted first (then the newest queued), in <paramref name="state"/> only when
    /// given, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string sinkId, WebhookDeliveryState? state, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Puts deliveries of the sink back to pending, due at <paramref name="now"/> with no attempts: those of
    /// <paramref name="sequences"/> whatever their state, or every dead-lettered one when it is empty. Returns how many.
    /// </summary>
    Task<int> ReplayAsync(string sinkId, IReadOnlyCollection<long> sequences, DateTimeOffset now, CancellationToken cancellationToken);
}
