namespace SpeedUp.Scheduler;

/// <summary>Health probing of the channels (section <c>SpeedUp:Scheduler</c>).</summary>
public sealed class ChannelHealthOptions
{
    /// <summary>How often every channel is probed (through its breaker: a probe is the trial that closes a half-open circuit). Default 5 s.</summary>
    public TimeSpan HealthProbeInterval { get; set; } = TimeSpan.FromSeconds(5);
}
