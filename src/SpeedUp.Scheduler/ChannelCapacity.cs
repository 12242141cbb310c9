using SpeedUp.Core.Channels;

namespace SpeedUp.Scheduler;

/// <summary>
/// One channel's limits and the latest usage this instance saw in the shared ledger (<see cref="IChannelCapacityLedger"/>):
/// after each of its own holds, and at every <see cref="SupplyChannelRegistry.RefreshUsageAsync"/>. The ledger decides
/// admission; this view only orders candidates and answers the admin API. Thread-safe.
/// </summary>
public sealed class ChannelCapacity(ChannelCapacityOptions limits)
{
    private readonly Lock _gate = new();
    private ChannelUsage _usage;

    /// <summary>The configured limits (0 = unlimited).</summary>
    public ChannelCapacityOptions Limits { get; } = limits;

    /// <summary>The limits as the ledger takes them.</summary>
    public ChannelLimits LedgerLimits => new(Limits.MaxSpeedUps, Limits.BandwidthPoolMbps);

    /// <summary>Open speed-ups holding capacity (all instances), as last seen.</summary>
    public int SpeedUpsInUse => Usage.SpeedUps;

    /// <summary>Bandwidth added by the open speed-ups, Mbps, as last seen.</summary>
    public long BandwidthInUseMbps => Usage.AddedMbps;

    /// <summary>The usage as last seen.</summary>
    public ChannelUsage Usage
    {
        get
        {
            lock (_gate)
            {
                return _usage;
            }
        }
    }

    /// <summary>The free share of the tightest limit, 0..1 (1 when unlimited).</summary>
    public double FreeShare
    {
        get
        {
            var usage = Usage;
            var share = 1.0;
            if (Limits.MaxSpeedUps > 0)
            {
                share = Math.Min(share, 1.0 - (double)usage.SpeedUps / Limits.MaxSpeedUps);
            }

            if (Limits.BandwidthPoolMbps > 0)
            {
                share = Math.Min(share, 1.0 - (double)usage.AddedMbps / Limits.BandwidthPoolMbps);
            }

            return Math.Max(0, share);
        }
    }

    /// <summary>Records the usage read from the ledger.</summary>
    public void Observe(ChannelUsage usage)
    {
        lock (_gate)
        {
            _usage = usage;
        }
    }

    /// <summary>Bandwidth added, in whole Mbps (rounded up): what the ledger counts.</summary>
    public static long ToMbps(long kbps) => kbps <= 0 ? 0 : (kbps + 999) / 1000;
}
