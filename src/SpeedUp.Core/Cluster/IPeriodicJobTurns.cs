namespace SpeedUp.Core.Cluster;

/// <summary>
/// Periodic jobs that the instances sharing a store take turns at, so a job's work is done once per period across them
/// all instead of once per instance (the reconciler's reads of every active line: docs/benchmarks.md, scenario due).
/// A turn is recorded in the store; an instance that stops in its turn only delays the next one to the next period.
/// </summary>
public interface IPeriodicJobTurns
{
    /// <summary>
    /// Whether <paramref name="instanceId"/> runs <paramref name="job"/> now: true for the first instance to ask once
    /// the last turn (of any instance) started at least <see cref="TurnGap"/> of <paramref name="period"/> ago.
    /// </summary>
    Task<bool> TryTakeTurnAsync(string job, string instanceId, DateTimeOffset now, TimeSpan period, CancellationToken cancellationToken);

    /// <summary>
    /// The gap a turn must leave since the last: nine tenths of the period, so an instance whose timer ticks a little
    /// early (timers and clocks of different instances are never exactly a period apart) is not refused its own turn.
    /// </summary>
    static TimeSpan TurnGap(TimeSpan period) => period * 0.9;
}
