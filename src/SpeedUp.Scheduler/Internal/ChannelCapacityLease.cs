using SpeedUp.Core.Channels;

namespace SpeedUp.Scheduler.Internal;

/// <summary>
/// Capacity taken on one channel for one session during an attempt. A lease over capacity the session already held
/// on that channel took nothing, so it gives nothing back.
/// </summary>
internal sealed class ChannelCapacityLease(SupplyChannelRegistry registry, SupplyChannel channel, string sessionId, bool taken) : CapacityLease
{
    protected override void OnKept()
    {
        if (taken)
        {
            registry.Hand(sessionId, channel);
        }
    }

    protected override void OnReleased()
    {
        if (taken)
        {
            channel.Capacity.Give(sessionId);
        }
    }
}
