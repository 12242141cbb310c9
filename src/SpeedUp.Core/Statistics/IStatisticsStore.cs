using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Statistics;

/// <summary>A CST day's counts of a customer's speed-ups.</summary>
public sealed record DayCounts(DateOnly Date, long Successful, long Failed);

/// <summary>One speed-up as the detail export lists it.</summary>
public sealed record SessionDetail(
    string Account, Direction Direction, long TargetKbps, DateTimeOffset StartedAt, DateTimeOffset DueAt,
    DateTimeOffset? EndedAt, SessionState State, EndReason EndReason, string? LastError);

/// <summary>Reads the journalled sessions for statistics.</summary>
public interface IStatisticsStore
{
    /// <summary>Counts per CST day of sessions started in [<paramref name="from"/>, <paramref name="to"/>); days without any are left out.</summary>
    Task<IReadOnlyList<DayCounts>> CountByDayAsync(string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The sessions started in [<paramref name="from"/>, <paramref name="to"/>), by start time, read one at a time.</summary>
    IAsyncEnumerable<SessionDetail> ReadDetailsAsync(string customerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
