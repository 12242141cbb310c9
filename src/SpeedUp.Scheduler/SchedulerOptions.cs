using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>The supply channels (section <c>SpeedUp:Channels</c>).</summary>
public sealed class SchedulerOptions
{
    /// <summary>Configured channels. Selection among them follows <see cref="SupplyChannelRegistry"/>'s policy.</summary>
    public IList<SupplyChannelOptions> Channels { get; } = new List<SupplyChannelOptions>();
}
