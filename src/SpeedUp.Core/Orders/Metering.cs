using SpeedUp.Core.Sessions;

namespace SpeedUp.Core.Orders;

/// <summary>
/// Acceleration time. It runs from the start to the stop (the journalled end), or to the session's due time, or to
/// the product's 4-hour single-use cap, whichever comes first; a session whose target rate was never applied
/// (APPLY_FAILED) meters nothing. Whole elapsed minutes, rounded down (59 s → 0, 60 s → 1, 119 s → 1): the product
/// document's detail sample lists a successful speed-up of 0 minutes, so a session stopped within its first minute
/// meters 0 (docs/commercial.md, "Metering"). Derived from the journalled start/due/end times only, so it is the same
/// after a restart.
/// </summary>
public static class Metering
{
    /// <summary>The product's single-use cap.</summary>
    public static readonly TimeSpan SingleUseCap = TimeSpan.FromHours(4);

    /// <summary>Metered whole minutes of a session; an open one is metered up to <paramref name="now"/>.</summary>
    public static int Minutes(DateTimeOffset startedAt, DateTimeOffset dueAt, DateTimeOffset? endedAt, EndReason endReason, DateTimeOffset now)
    {
        if (endReason == EndReason.ApplyFailed)
        {
            return 0;
        }

        var stop = endedAt ?? now;
        if (stop > dueAt)
        {
            stop = dueAt;
        }

        if (stop > startedAt + SingleUseCap)
        {
            stop = startedAt + SingleUseCap;
        }

        var milliseconds = (long)(stop - startedAt).TotalMilliseconds;
        return milliseconds <= 0 ? 0 : (int)(milliseconds / 60_000);
    }

    /// <summary>Metered minutes of a session.</summary>
    public static int Minutes(SpeedUpSession session, DateTimeOffset now) =>
        Minutes(session.StartedAt, session.DueAt, session.EndedAt, session.EndReason, now);

    /// <summary>
    /// Minutes used of each order from the recorded uses: an open session holds its whole reservation; an ended one
    /// holds what it metered, spread over its orders in position order (each up to its reservation).
    /// </summary>
    public static IReadOnlyDictionary<string, int> UsedMinutes(IEnumerable<OrderUseRecord> uses)
    {
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var session in uses.GroupBy(u => u.SessionId))
        {
            var first = session.First();
            var ended = first.State == SessionState.Ended;
            var metered = ended
                ? Minutes(first.StartedAt, first.DueAt, first.EndedAt, first.EndReason, first.EndedAt ?? first.DueAt)
                : int.MaxValue;
            foreach (var use in session.OrderBy(u => u.Position))
            {
                var take = Math.Min(use.ReservedMinutes, metered);
                metered -= take;
                used[use.OrderId] = used.GetValueOrDefault(use.OrderId) + take;
            }
        }

        return used;
    }
}
