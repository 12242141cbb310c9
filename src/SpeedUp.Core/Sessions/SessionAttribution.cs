using SpeedUp.Core.Orders;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// Whose a new session is and what it uses: the customer, the client request id that makes the start retry-safe,
/// and the orders it draws on. <see cref="SpeedUpSessionService"/> puts it in the <see cref="SpeedUpPlan"/>;
/// <see cref="SpeedUpSession.Begin"/> copies it onto the session, so the session store journals it in the same write
/// as the session itself (a crash cannot separate the session from its customer or its order use).
/// </summary>
public sealed record SessionAttribution(string CustomerId, string? ClientRequestId, string? RequestHash, IReadOnlyList<OrderUse> OrderUses)
;
