using System.Diagnostics;

namespace SpeedUp.Drivers.ChinaTelecom.Internal;

/// <summary>The time left to one driver operation; each command gets what remains.</summary>
internal sealed class OperationBudget(TimeSpan total)
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(50);
    private readonly long _started = Stopwatch.GetTimestamp();

    public TimeSpan Total { get; } = total;

    public TimeSpan Remaining
    {
        get
        {
            var left = Total - Stopwatch.GetElapsedTime(_started);
            return left > Floor ? left : Floor;
        }
    }
}
