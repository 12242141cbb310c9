namespace SpeedUp.Core.Channels;

/// <summary>
/// The scheduler's face to the domain: which channels can serve a request (best first, by the selection policy),
/// the capacity each open speed-up holds on its channel, and failover bookkeeping.
/// </summary>
public interface ISupplyChannels
{
    /// <summary>
    /// Every configured channel able to serve <paramref name="demand"/>, best first (healthy and closed circuits
    /// before failing ones, then priority, cost, and weighted free capacity). Empty when none is configured.
    /// </summary>
    IReadOnlyList<ChannelRoute> Candidates(ChannelDemand demand);

    /// <summary>The channel of that name, or null when it is not configured (any more).</summary>
    ChannelRoute? Find(string channelName);

    /// <summary>
    /// Reserves capacity on a channel for a session that adds <paramref name="addedKbps"/>. False when the channel is
    /// full. A session holds at most one reservation: reserving again moves it.
    /// </summary>
    bool TryReserve(string channelName, string sessionId, long addedKbps);

    /// <summary>Records capacity held by a session found open at start-up, whatever the limits.</summary>
    void Adopt(string channelName, string sessionId, long addedKbps);

    /// <summary>Releases what a session holds (idempotent).</summary>
    void Release(string sessionId);

    /// <summary>Records that a request left <paramref name="fromChannel"/> for the next candidate, and why.</summary>
    void RecordFailover(string fromChannel, string operation, string reason);
}
