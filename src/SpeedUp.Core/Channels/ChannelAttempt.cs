using System.Net;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Channels;

/// <summary>
/// One attempt of a scheduler run on one supply channel: the channel's guarded driver operations and its capacity.
/// Driver failures thrown from here are the scheduler's to handle; an attempt lets them pass.
/// </summary>
public abstract class ChannelAttempt
{
    /// <summary>The channel this attempt runs on.</summary>
    public abstract string ChannelName { get; }

    /// <summary>
    /// Whether a write of this run failed after it may have reached a device (its outcome is unknown): the line may
    /// already be at the value written. <see cref="SetRateAsync"/> reads the line first while this holds.
    /// </summary>
    public abstract bool WriteOutcomeUnknown { get; }

    /// <summary>Finds the line behind a public address and port, or null when no subscriber holds them.</summary>
    public abstract Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken);

    /// <summary>Reads a line's current rates and capability.</summary>
    public abstract Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken);

    /// <summary>
    /// Shapes one direction of a line to <paramref name="rateKbps"/>, confirmed by a read-back. After a write of unknown
    /// outcome (<see cref="WriteOutcomeUnknown"/>), when this attempt has not read the line yet, the line is read first
    /// and a line already at <paramref name="rateKbps"/> is not written again.
    /// </summary>
    /// <returns>The line's rates after the change.</returns>
    public abstract Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken);

    /// <summary>
    /// Leases capacity on this channel for a session adding <paramref name="addedKbps"/>, counted in the shared store
    /// (<see cref="IChannelCapacityLedger"/>) so every instance sees it. When the channel is full the run moves to the
    /// next channel (the attempt ends here). Dispose the lease on every path (<c>await using</c>);
    /// <see cref="CapacityLease.KeepAsync"/> hands it to the session once the session runs on this channel.
    /// </summary>
    public abstract Task<CapacityLease> LeaseCapacityAsync(string sessionId, long addedKbps, CancellationToken cancellationToken);

    /// <summary>Like <see cref="LeaseCapacityAsync"/>, but null when the channel is full (the attempt goes on).</summary>
    public abstract Task<CapacityLease?> TryLeaseCapacityAsync(string sessionId, long addedKbps, CancellationToken cancellationToken);
}
