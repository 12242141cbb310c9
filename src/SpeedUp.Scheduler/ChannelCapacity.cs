using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>
/// The capacity one channel has handed out: open speed-ups and the bandwidth they add, by session. Thread-safe. A
/// session holds at most one reservation in the whole registry (see <see cref="SupplyChannelRegistry"/>).
/// </summary>
public sealed class ChannelCapacity(ChannelCapacityOptions limits)
{
    private readonly Dictionary<string, long> _held = new(StringComparer.Ordinal);
    private long _addedMbps;

    /// <summary>The configured limits (0 = unlimited).</summary>
    public ChannelCapacityOptions Limits { get; } = limits;

    /// <summary>Open speed-ups holding capacity.</summary>
    public int SpeedUpsInUse
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Bandwidth added by the open speed-ups, Mbps.</summary>
    public long BandwidthInUseMbps
    {
        get
        {
            lock (_held)
            {
                return _addedMbps;
            }
        }
    }

    /// <summary>The free share of the tightest limit, 0..1 (1 when unlimited).</summary>
    public double FreeShare
    {
        get
        {
            lock (_held)
            {
                var share = 1.0;
                if (Limits.MaxSpeedUps > 0)
                {
                    share = Math.Min(share, 1.0 - (double)_held.Count / Limits.MaxSpeedUps);
                }

                if (Limits.BandwidthPoolMbps > 0)
                {
                    share = Math.Min(share, 1.0 - (double)_addedMbps / Limits.BandwidthPoolMbps);
                }

                return Math.Max(0, share);
            }
        }
    }

    /// <summary>Takes capacity for a session unless a limit would be passed (<paramref name="force"/> ignores limits).</summary>
    public bool TryTake(string sessionId, long addedKbps, bool force)
    {
        var mbps = ToMbps(addedKbps);
        lock (_held)
        {
            if (_held.ContainsKey(sessionId))
            {
                return true;
            }

            if (!force
                && ((Limits.MaxSpeedUps > 0 && _held.Count + 1 > Limits.MaxSpeedUps)
                    || (Limits.BandwidthPoolMbps > 0 && _addedMbps + mbps > Limits.BandwidthPoolMbps)))
            {
                return false;
            }

            _held.Add(sessionId, mbps);
            _addedMbps += mbps;
            return true;
        }
    }

    /// <summary>Gives back what a session holds here; false when it held nothing.</summary>
    public bool Give(string sessionId)
    {
        lock (_held)
        {
            if (!_held.Remove(sessionId, out var mbps))
            {
                return false;
            }

            _addedMbps -= mbps;
            return true;
        }
    }

    private static long ToMbps(long kbps) => kbps <= 0 ? 0 : (kbps + 999) / 1000;
}
