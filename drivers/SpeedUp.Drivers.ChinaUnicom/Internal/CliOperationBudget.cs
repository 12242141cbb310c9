using System.Diagnostics;

namespace SpeedUp.Drivers.ChinaUnicom.Internal;

/// <summary>The time left to one driver operation; each command gets what remains.</summary>
internal sealed class CliOperationBudget(TimeSpan total)
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(50);
    private readonly long _started = Stopwatch.GetTimestamp();

    public TimeSpan Total { get; } = total;

    /// <summary>Set just before a write's change command is sent: from then on the write is never retried.</summary>
    public bool WriteSent { get; set; }

    public TimeSpan Remaining
    {
        get
        {
            var left = Total - Stopwatch.GetElapsedTime(_started);
            return left > Floor ? left : Floor;
        }
    }
}
