namespace SpeedUp.Core.Events;

/// <summary>
/// Reads the session-event outbox. The session store writes it (in the transaction of each state change); events are
/// read in <see cref="SessionEvent.Sequence"/> order, which is commit order across every instance.
/// </summary>
public interface ISessionEventStore
{
    /// <summary>Up to <paramref name="limit"/> events of the customer with a sequence above <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<SessionEvent>> ReadAsync(string customerId, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The sequence of the newest stored event (0 when there is none).</summary>
    Task<long> LatestSequenceAsync(CancellationToken cancellationToken);

    /// <summary>The highest sequence deleted by <see cref="PruneAsync"/> (0 when nothing was): a position below it has lost events.</summary>
    Task<long> PrunedThroughAsync(CancellationToken cancellationToken);

    /// <summary>Deletes events that occurred before <paramref name="before"/> (and their delivered webhook deliveries); returns how many events.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
