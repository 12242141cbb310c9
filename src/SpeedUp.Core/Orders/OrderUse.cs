using SpeedUp.Core.Sessions;

namespace SpeedUp.Core.Orders;

/// <summary>
/// A session's use of an order, journalled with the session: <paramref name="ReservedMinutes"/> of the order were set
/// aside at the start (the session's planned length, or the part of it this hour pack covers), in order
/// <paramref name="Position"/> among the session's orders.
/// </summary>
public sealed record OrderUse(string OrderId, int Position, int ReservedMinutes);

/// <summary>One recorded use of an order together with the journalled times of the session that made it.</summary>
public sealed record OrderUseRecord(
    string SessionId, string OrderId, int Position, int ReservedMinutes,
    DateTimeOffset StartedAt, DateTimeOffset DueAt, DateTimeOffset? EndedAt, SessionState State, EndReason EndReason);
