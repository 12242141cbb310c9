using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>The supply channels (section <c>SpeedUp:Channels</c>), in order of preference.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Configured channels. The first one that serves a carrier's province is chosen.</summary>
    public IList<SupplyChannelOptions> Channels { get; } = new List<SupplyChannelOptions>();
}
