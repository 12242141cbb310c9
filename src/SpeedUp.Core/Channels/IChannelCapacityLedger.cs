namespace SpeedUp.Core.Channels;

/// <summary>The limits of one supply channel (0 = unlimited).</summary>
public readonly record struct ChannelLimits(int MaxSpeedUps, long BandwidthPoolMbps)
{
    /// <summary>Neither limit is set: every holding is admitted.</summary>
    public bool Unlimited => MaxSpeedUps <= 0 && BandwidthPoolMbps <= 0;

    /// <summary>Whether one more speed-up adding <paramref name="addedMbps"/> to <paramref name="usage"/> stays within the limits.</summary>
    public bool Admit(ChannelUsage usage, long addedMbps) =>
        (MaxSpeedUps <= 0 || usage.SpeedUps + 1 <= MaxSpeedUps)
        && (BandwidthPoolMbps <= 0 || usage.AddedMbps + addedMbps <= BandwidthPoolMbps);
}

/// <summary>What a channel's open speed-ups hold: how many, and the bandwidth they add (Mbps).</summary>
public readonly record struct ChannelUsage(int SpeedUps, long AddedMbps);

/// <summary>What asking a channel for capacity did.</summary>
public enum CapacityHoldOutcome
{
    /// <summary>The session now holds capacity on the channel.</summary>
    Taken,

    /// <summary>The session held capacity on the channel before; nothing changed.</summary>
    AlreadyHeld,

    /// <summary>One more speed-up would pass a limit of the channel; nothing changed.</summary>
    Full,
}

/// <summary>
/// Capacity of the supply channels, held per session in the shared store so that every instance counts the same
/// speed-ups. A holding counts while its session is open, and for <see cref="UnjournalledHoldingLife"/> before its
/// session is journalled (an instance that died between the two leaves nothing behind for longer); a holding of an
/// ended session never counts, so a crash between the end and the release loses no capacity.
/// </summary>
public interface IChannelCapacityLedger
{
    /// <summary>How long a holding whose session is not in the journal yet counts.</summary>
    static readonly TimeSpan UnjournalledHoldingLife = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Atomically among all instances: records that <paramref name="sessionId"/> holds <paramref name="addedMbps"/> on
    /// <paramref name="channel"/> unless one more speed-up would pass a limit. A session already holding on that channel
    /// holds on. Returns what happened, and the channel's usage afterwards.
    /// </summary>
    Task<(CapacityHoldOutcome Outcome, ChannelUsage Usage)> TryHoldAsync(
        string channel, string sessionId, long addedMbps, ChannelLimits limits, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes the session's holdings on every channel but <paramref name="channel"/> (the session runs there now).</summary>
    Task KeepOnlyAsync(string sessionId, string channel, CancellationToken cancellationToken);

    /// <summary>Removes the session's holding on <paramref name="channel"/>, or on every channel when null (idempotent).</summary>
    Task ReleaseAsync(string sessionId, string? channel, CancellationToken cancellationToken);

    /// <summary>Usage of every channel that has counted holdings at <paramref name="now"/>.</summary>
    Task<IReadOnlyDictionary<string, ChannelUsage>> ReadUsageAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
