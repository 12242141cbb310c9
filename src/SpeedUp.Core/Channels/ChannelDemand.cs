using SpeedUp.Drivers;

namespace SpeedUp.Core.Channels;

/// <summary>What a request needs from a supply channel: the line's carrier and province and, for a speed-up, the tier.</summary>
/// <param name="Carrier">The line's carrier.</param>
/// <param name="Province">The line's province (catalogue name).</param>
/// <param name="Direction">The direction to speed up; null for reads (pre-check, restore).</param>
/// <param name="BandwidthMbps">The tier's bandwidth; null for reads.</param>
public sealed record ChannelDemand(Carrier Carrier, string Province, Direction? Direction = null, int? BandwidthMbps = null);
