using Microsoft.Extensions.Options;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Catalogue;

/// <summary>
/// Which target rates each carrier delivers where, and the offers a line qualifies for:
/// tiers above the line's current rate and within what the line can carry, each as an hour pack and a 30-day pack.
/// </summary>
public sealed class OfferCatalogue
{
    private readonly IReadOnlyList<SpeedUpTier> _tiers;

    /// <summary>Builds the catalogue from the product's China Telecom table and the configured Unicom tiers.</summary>
    public OfferCatalogue(IOptions<CatalogueOptions> options)
    {
        var tiers = new List<SpeedUpTier>
        {
            Telecom(Direction.Down, 100, Provinces.ChinaTelecomBase),
            Telecom(Direction.Down, 200, Provinces.ChinaTelecomHigh),
            Telecom(Direction.Up, 10, Provinces.ChinaTelecomBase),
            Telecom(Direction.Up, 20, Provinces.ChinaTelecomHigh),
        };
        foreach (var tier in options.Value.ChinaUnicom)
        {
            tiers.Add(new SpeedUpTier(Carrier.ChinaUnicom, tier.Direction, tier.BandwidthMbps,
                new HashSet<string>(tier.Provinces, StringComparer.Ordinal)));
        }

        _tiers = tiers;
    }

    /// <summary>All tiers.</summary>
    public IReadOnlyList<SpeedUpTier> Tiers => _tiers;

    /// <summary>Whether the carrier offers any tier in the province.</summary>
    public bool Serves(Carrier carrier, string province) =>
        _tiers.Any(t => t.Carrier == carrier && t.Provinces.Contains(province));

    /// <summary>Whether <paramref name="bandwidthMbps"/> is a tier anywhere for that direction.</summary>
    public bool IsKnownTier(Direction direction, int bandwidthMbps) =>
        _tiers.Any(t => t.Direction == direction && t.BandwidthMbps == bandwidthMbps);

    /// <summary>The offers a line qualifies for, ordered by direction then bandwidth then product.</summary>
    public IReadOnlyList<Offer> OffersFor(Carrier carrier, string province, SubscriberLine line)
    {
        if (!line.Capability.SpeedUpPermitted)
        {
            return [];
        }

        return _tiers
            .Where(t => t.Carrier == carrier && t.Provinces.Contains(province))
            .Where(t => t.BandwidthMbps * 1000L > line.Current.Of(t.Direction))
            .Where(t => t.BandwidthMbps * 1000L <= line.Capability.MaxOf(t.Direction))
            .SelectMany(t => new[]
            {
                new Offer(t.Direction, t.BandwidthMbps, ProductType.HourPack),
                new Offer(t.Direction, t.BandwidthMbps, ProductType.ThirtyDayPack),
            })
            .OrderBy(o => o.Direction).ThenBy(o => o.BandwidthMbps).ThenBy(o => o.Product)
            .ToArray();
    }

    /// <summary>
    /// Every offer the product sells for a carrier in a province, whatever the line (no line, no device): each tier served
    /// there as an hour pack and a 30-day pack, ordered by direction then bandwidth then product.
    /// </summary>
    public IReadOnlyList<Offer> OffersIn(Carrier carrier, string province) =>
        _tiers
            .Where(t => t.Carrier == carrier && t.Provinces.Contains(province))
            .SelectMany(t => new[]
            {
                new Offer(t.Direction, t.BandwidthMbps, ProductType.HourPack),
                new Offer(t.Direction, t.BandwidthMbps, ProductType.ThirtyDayPack),
            })
            .OrderBy(o => o.Direction).ThenBy(o => o.BandwidthMbps).ThenBy(o => o.Product)
            .ToArray();

    private static SpeedUpTier Telecom(Direction direction, int mbps, IReadOnlyList<string> provinces) =>
        new(Carrier.ChinaTelecom, direction, mbps, new HashSet<string>(provinces, StringComparer.Ordinal));
}
