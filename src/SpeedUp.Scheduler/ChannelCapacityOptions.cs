namespace SpeedUp.Scheduler;

/// <summary>
/// A channel's capacity (<c>SpeedUp:Channels:N:Capacity</c>): open speed-ups at once and/or a bandwidth pool. 0 = no limit.
/// </summary>
public sealed class ChannelCapacityOptions
{
    /// <summary>Most speed-ups open through the channel at once (a supplier's concurrency quota). 0 = unlimited.</summary>
    public int MaxSpeedUps { get; set; }

    /// <summary>
    /// The channel's bandwidth pool, Mbps: the sum over open speed-ups of the bandwidth they add (target − original,
    /// rounded up to whole Mbps) may not exceed it. 0 = unlimited.
    /// </summary>
    public int BandwidthPoolMbps { get; set; }
}
