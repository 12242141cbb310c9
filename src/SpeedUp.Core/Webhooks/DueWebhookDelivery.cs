using SpeedUp.Core.Events;

namespace SpeedUp.Core.Webhooks;

/// <summary>A delivery claimed by this instance, with what it takes to send it.</summary>
/// <param name="Sink">The sink (with its protected secret).</param>
/// <param name="Sequence">The event's outbox sequence.</param>
/// <param name="Attempts">Attempts already made.</param>
/// <param name="Event">The event as stored; null when it was pruned from the outbox (the delivery is dead-lettered then).</param>
public sealed record DueWebhookDelivery(WebhookSink Sink, long Sequence, int Attempts, SessionEvent? Event);
