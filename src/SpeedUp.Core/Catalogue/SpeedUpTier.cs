using SpeedUp.Drivers;

namespace SpeedUp.Core.Catalogue;

/// <summary>A target rate a carrier can deliver in a direction, in a set of provinces.</summary>
public sealed record SpeedUpTier(Carrier Carrier, Direction Direction, int BandwidthMbps, IReadOnlySet<string> Provinces);
