namespace SpeedUp.Core.Webhooks;

/// <summary>One event's delivery to one sink as an operator sees it (never the body or the secret).</summary>
/// <param name="SinkId">The sink.</param>
/// <param name="Sequence">The event's outbox sequence.</param>
/// <param name="EventId">The event's id (the CloudEvent <c>id</c>); null when the event was pruned from the outbox.</param>
/// <param name="State">Pending, delivered or dead-lettered.</param>
/// <param name="Attempts">Attempts made since it was queued or last replayed.</param>
/// <param name="NextAttemptAt">When a pending delivery is due.</param>
/// <param name="LastAttemptAt">When it was last tried (null: never).</param>
/// <param name="LastStatus">The HTTP status of the last attempt (null: none, e.g. a timeout or a refused connection).</param>
/// <param name="LastError">A short description of the last failure (no secret, no URL query).</param>
public sealed record WebhookDelivery(
    string SinkId,
    long Sequence,
    string? EventId,
    WebhookDeliveryState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatus,
    string? LastError);
