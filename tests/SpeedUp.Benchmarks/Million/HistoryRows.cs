namespace SpeedUp.Benchmarks.Million;

// The rows of a generated history, as the service would have written them (every session ended).

/// <summary>An ended session (state <c>Ended</c>, no uncertain write).</summary>
internal sealed record StoredSession(
    string Id, long BandId, string Account, string IpAddress, int Port, string Carrier, string Province, string Channel, string Direction,
    long TargetKbps, long OriginalKbps, string Scene, DateTimeOffset StartedAt, DateTimeOffset DueAt, string EndReason, DateTimeOffset EndedAt,
    string? LastError, string CustomerId, string? ClientRequestId, string? RequestHash);

/// <summary>A 30-day pack (product <c>ThirtyDayPack</c>, 30 CNY frozen).</summary>
internal sealed record StoredOrder(
    string OrderId, string CustomerId, long BandId, long OfferId, string Direction, int BandwidthMbps, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    string BillingMonth)
{
    public const string Product = "ThirtyDayPack";
    public const long FrozenUnits = 300_000;
}

/// <summary>The order that paid for a session (position 0).</summary>
internal sealed record StoredOrderUse(string SessionId, string OrderId, int ReservedMinutes);

/// <summary>A start refused before any session (<c>SYSTEM_BUSY</c>: every channel full).</summary>
internal sealed record StoredRefusal(
    string Id, string CustomerId, long BandId, string Account, string Carrier, string Province, string Direction, long TargetKbps, DateTimeOffset RefusedAt)
{
    public const string Code = "SYSTEM_BUSY";
    public const string Message = "every channel is full";
}

/// <summary>A session event of the outbox (scene empty).</summary>
internal sealed record StoredEvent(
    string EventId, string Kind, DateTimeOffset OccurredAt, string CustomerId, string SessionId, long BandId, string Direction, string State,
    string EndReason, long TargetKbps, long OriginalKbps, DateTimeOffset StartedAt, DateTimeOffset DueAt, DateTimeOffset? EndedAt);
