using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>
/// Which subscriber lines a channel reaches: its <see cref="SupplyChannelOptions.Reaches"/> when declared, else the
/// equipment at its <see cref="DeviceOptions.Host"/> (every loopback host is one local simulator). Two channels with the
/// same group reach the same lines (same band ids and accounts).
/// </summary>
/// <param name="Key">What groups compare by (case-insensitive).</param>
/// <param name="Description">How a message shows it: <c>Reaches 'zj-bras-1'</c> or <c>Reaches not set: the equipment at 10.0.0.9</c>.</param>
public sealed record ChannelLineGroup(string Key, string Description)
{
    /// <summary>The line group of <paramref name="channel"/>.</summary>
    public static ChannelLineGroup Of(SupplyChannelOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!string.IsNullOrWhiteSpace(channel.Reaches))
        {
            var name = channel.Reaches.Trim();
            return new ChannelLineGroup("reaches:" + name.ToLowerInvariant(), $"Reaches '{name}'");
        }

        var host = channel.Host.Trim();
        return LiveDeviceGuard.IsLoopback(host)
            ? new ChannelLineGroup("host:loopback", $"Reaches not set: the equipment at {host} (loopback, a local simulator)")
            : new ChannelLineGroup("host:" + host.ToLowerInvariant(), $"Reaches not set: the equipment at {host}");
    }
}
