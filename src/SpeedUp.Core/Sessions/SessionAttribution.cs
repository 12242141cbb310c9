using SpeedUp.Core.Orders;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// Whose a new session is and what it uses: the customer, the client request id that makes the start retry-safe,
/// and the orders it draws on. <see cref="SpeedUpSessionService"/> enters it around the hand-over to
/// <see cref="SpeedUpApplier"/>; <see cref="SpeedUpSession.Begin"/> copies it onto the session, so the session store
/// journals it in the same write as the session itself (a crash cannot separate the session from its customer or
/// its order use).
/// </summary>
public sealed record SessionAttribution(string CustomerId, string? ClientRequestId, string? RequestHash, IReadOnlyList<OrderUse> OrderUses)
{
    private static readonly AsyncLocal<SessionAttribution?> Ambient = new();

    /// <summary>The attribution of the start in progress on this asynchronous flow, or null.</summary>
    public static SessionAttribution? Current => Ambient.Value;

    /// <summary>Makes this the current attribution until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Scope(previous);
    }

    private sealed class Scope(SessionAttribution? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
