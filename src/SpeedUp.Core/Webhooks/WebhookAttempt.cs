namespace SpeedUp.Core.Webhooks;

/// <summary>The outcome of one attempt to deliver a claimed delivery.</summary>
/// <param name="SinkId">The sink.</param>
/// <param name="Sequence">The event's outbox sequence.</param>
/// <param name="At">When the attempt was made.</param>
/// <param name="State">Delivered, Pending (to be retried at <paramref name="NextAttemptAt"/>) or DeadLettered.</param>
/// <param name="NextAttemptAt">When a pending delivery is next due (ignored otherwise).</param>
/// <param name="Status">The HTTP status answered (null: none).</param>
/// <param name="Error">A short description of a failure (null on success).</param>
public sealed record WebhookAttempt(
    string SinkId,
    long Sequence,
    DateTimeOffset At,
    WebhookDeliveryState State,
    DateTimeOffset NextAttemptAt,
    int? Status,
    string? Error)
{
    /// <summary>The most characters of <see cref="Error"/> that are stored.</summary>
    public const int MaxErrorLength = 200;
}
