namespace SpeedUp.Core.Sessions;

/// <summary>Speed-up session settings (section <c>SpeedUp:Sessions</c>).</summary>
public sealed class SpeedUpSessionOptions
{
    /// <summary>The product's cap on one use: 4 hours.</summary>
    public static readonly TimeSpan ProductMaximum = TimeSpan.FromHours(4);

    /// <summary>Duration when the request names none. Default 4 hours; at most <see cref="MaxDuration"/>.</summary>
    public TimeSpan DefaultDuration { get; set; } = ProductMaximum;

    /// <summary>Longest session. Default and ceiling 4 hours (the product's single-use cap).</summary>
    public TimeSpan MaxDuration { get; set; } = ProductMaximum;

    /// <summary>
    /// Longest pause between two sweeps for due sessions. Default 1 second. In between, a sweep also runs when the next
    /// active session falls due (at most 20 sweeps a second).
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many claimed sessions a sweep restores at once (distinct lines). Default 16.</summary>
    public int RestoreConcurrency { get; set; } = 16;

    /// <summary>How often active sessions are compared with their lines (lost rates re-applied). Default 30 seconds.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most lines a reconcile pass reads a second (across the instances: one of them runs each pass). Default 500.
    /// A pass reads at most this × 90 % of <see cref="ReconcileInterval"/> lines; with more active sessions than that,
    /// each pass reads a slice of them and each line is read every few intervals (<see cref="ReconcileSlice"/>).
    /// </summary>
    public int ReconcileReadsPerSecond { get; set; } = 500;

    /// <summary>
    /// How long after its end a session whose write met a channel fault is still checked: a late-landing write found
    /// on the line (target rate, no open session) is undone. Default 5 minutes.
    /// </summary>
    public TimeSpan VerifyEndedFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The duration actually used for a request.</summary>
    public TimeSpan Effective(TimeSpan? requested)
    {
        var duration = requested ?? DefaultDuration;
        return duration > MaxDuration ? MaxDuration : duration;
    }
}
