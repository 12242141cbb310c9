using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Events;

/// <summary>
/// A state change of a speed-up session with a snapshot of the session right after it. Written to the outbox in the
/// same transaction as the change; <see cref="Sequence"/> is given by the store (0 until stored) and orders every event
/// of the service: a reader that remembers the last sequence it saw misses nothing. <see cref="EventId"/> is what a
/// receiver de-duplicates on.
/// </summary>
public sealed record SessionEvent(
    string EventId,
    SessionEventKind Kind,
    DateTimeOffset OccurredAt,
    string? CustomerId,
    string SessionId,
    long BandId,
    Direction Direction,
    SessionState State,
    EndReason EndReason,
    long TargetKbps,
    long OriginalKbps,
    string Scene,
    DateTimeOffset StartedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>The event's place in the outbox (strictly increasing in commit order); 0 before it is stored.</summary>
    public long Sequence { get; init; }

    /// <summary>The event of <paramref name="kind"/> for <paramref name="session"/> as it is now.</summary>
    public static SessionEvent Of(SpeedUpSession session, SessionEventKind kind, DateTimeOffset at) => new(
        Guid.NewGuid().ToString("N"), kind, at, session.CustomerId, session.Id, session.BandId, session.Direction,
        session.State, session.EndReason, session.TargetKbps, session.OriginalKbps, session.Scene, session.StartedAt,
        session.DueAt, session.EndedAt);
}
