using SpeedUp.Drivers;

namespace SpeedUp.Core.Channels;

/// <summary>The scheduler's face to the domain: which channel serves a carrier's province, and the driver of a named channel.</summary>
public interface ISupplyChannels
{
    /// <summary>The channel to use for a carrier's lines in a province, or null when none is configured.</summary>
    ChannelRoute? Route(Carrier carrier, string province);

    /// <summary>The channel that applied a rate (restores go back through it). Throws when the name is unknown.</summary>
    ChannelRoute Get(string channelName);
}
