namespace SpeedUp.Core.Sessions;

/// <summary>
/// Which active sessions one reconcile pass reads. A pass reads at most
/// <see cref="SpeedUpSessionOptions.ReconcileReadsPerSecond"/> lines a second for at most 90 % of
/// <see cref="SpeedUpSessionOptions.ReconcileInterval"/> — its budget. While the active sessions fit the budget the pass
/// reads them all; beyond it they are split into <see cref="Count"/> slices by a stable hash of the session id, and the
/// pass of interval <c>k</c> (counted from the Unix epoch, so every instance names the same slice) reads slice
/// <c>k mod Count</c>: each line is then read about every <see cref="Count"/> intervals instead of every interval, and
/// the equipment and the service are not asked for more reads a second than the setting allows however many sessions
/// are active (docs/benchmarks.md, scenario due-postgres).
/// </summary>
public readonly record struct ReconcileSlice(int Index, int Count)
{
    /// <summary>The share of the interval a pass may read for; the rest keeps passes of two instances apart.</summary>
    private const double ReadingShare = 0.9;

    /// <summary>How many lines one pass may read at most.</summary>
    public static long Budget(SpeedUpSessionOptions options) =>
        Math.Max(1, (long)(options.ReconcileReadsPerSecond * options.ReconcileInterval.TotalSeconds * ReadingShare));

    /// <summary>The slice the pass starting at <paramref name="now"/> reads, given <paramref name="active"/> sessions to check.</summary>
    public static ReconcileSlice For(int active, DateTimeOffset now, SpeedUpSessionOptions options)
    {
        var budget = Budget(options);
        var count = (int)Math.Max(1, (active + budget - 1) / budget);
        var interval = now.ToUnixTimeMilliseconds() / Math.Max(1, (long)options.ReconcileInterval.TotalMilliseconds);
        return new ReconcileSlice((int)(interval % count), count);
    }

    /// <summary>Whether the session belongs to this slice.</summary>
    public bool Contains(string sessionId) => Count <= 1 || StableHash(sessionId) % (uint)Count == (uint)Index;

    /// <summary>FNV-1a over the id's UTF-16 code units: the same on every instance and run (unlike <see cref="string.GetHashCode()"/>).</summary>
    private static uint StableHash(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
