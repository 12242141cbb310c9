namespace SpeedUp.Core.Webhooks;

/// <summary>Where a delivery of one event to one sink stands. Persisted: the names are stored.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Not delivered yet: due at its next attempt time.</summary>
    Pending = 1,

    /// <summary>The sink answered 2xx.</summary>
    Delivered = 2,

    /// <summary>Given up after the last allowed attempt (or the event is no longer stored); an operator may replay it.</summary>
    DeadLettered = 3,
}
