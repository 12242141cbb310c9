namespace SpeedUp.Scheduler;

/// <summary>
/// How calls through one channel are guarded (<c>SpeedUp:Channels:N:Resilience</c>): every call has a hard timeout,
/// reads are retried a limited number of times, writes never are (a failed write moves to another channel only after
/// that channel has read the line), and a circuit breaker stops sending to a channel that keeps failing.
/// </summary>
public sealed class ChannelResilienceOptions
{
    /// <summary>Extra attempts of a read (find, read, probe) after a transport failure, on the same channel. Default 1; allowed 0..5.</summary>
    public int ReadRetries { get; set; } = 1;

    /// <summary>Pause before a read is tried again. Default 50 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Hard limit of one call, on top of the driver's own <see cref="SupplyChannelOptions.OperationTimeout"/>. Default: that timeout + 2 s.</summary>
    public TimeSpan? CallTimeout { get; set; }

    /// <summary>Share of failed calls (transport failures and timeouts) within <see cref="SamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within <see cref="SamplingDuration"/> before the ratio is judged. Default 4.</summary>
    public int MinimumThroughput { get; set; } = 4;

    /// <summary>Window over which failures are counted. Default 10 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an open circuit refuses calls before a trial call (half-open) is let through. Default 5 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
