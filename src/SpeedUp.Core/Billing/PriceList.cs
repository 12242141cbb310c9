using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Billing;

/// <summary>One tier: from <paramref name="MinVolume"/> orders a month on, every order of the bucket costs <paramref name="UnitPrice"/>.</summary>
public sealed record PriceTier(long MinVolume, decimal UnitPrice);

/// <summary>
/// A bucket's volume tiers ("reaching a tier prices every order of the bucket at that tier"). A bucket is a direction and
/// a pack type ("每个档位分别计算达量": the 1-hour and the 30-day pack each count their own volume); <paramref name="BandwidthMbps"/>
/// is the row's maximum bandwidth ("表格中的目标带宽为最大支持带宽"): an order at that or any lower tier of the direction
/// belongs to the row and counts towards its volume.
/// </summary>
public sealed record PriceTable(Direction Direction, int BandwidthMbps, ProductType Product, IReadOnlyList<PriceTier> Tiers)
{
    /// <summary>The price frozen when ordering: the first tier's.</summary>
    public decimal ListPrice => Tiers[0].UnitPrice;

    /// <summary>The unit price of every order of a month with <paramref name="monthlyVolume"/> orders in the bucket.</summary>
    public decimal UnitPriceFor(long monthlyVolume)
    {
        var price = Tiers[0].UnitPrice;
        foreach (var tier in Tiers)
        {
            if (monthlyVolume >= tier.MinVolume)
            {
                price = tier.UnitPrice;
            }
        }

        return price;
    }

    /// <summary>What a month of <paramref name="monthlyVolume"/> orders costs: volume × the tier's unit price.</summary>
    public decimal TotalFor(long monthlyVolume) => monthlyVolume * UnitPriceFor(monthlyVolume);
}

/// <summary>The configured price tables, one per (direction, pack type).</summary>
public sealed class PriceList
{
    private readonly Dictionary<(Direction, ProductType), PriceTable> _tables;

    /// <summary>Builds the list from validated options.</summary>
    public PriceList(IOptions<PricingOptions> options) =>
        _tables = options.Value.Tables.ToDictionary(
            t => (t.Direction, t.Product),
            t => new PriceTable(t.Direction, t.BandwidthMbps, t.Product,
                t.Tiers.OrderBy(x => x.MinVolume).Select(x => new PriceTier(x.MinVolume, x.UnitPrice)).ToArray()));

    /// <summary>Every table, by direction then product.</summary>
    public IReadOnlyList<PriceTable> All => [.. _tables.Values.OrderBy(t => t.Direction).ThenBy(t => t.Product)];

    /// <summary>
    /// The table that prices an order of <paramref name="bandwidthMbps"/> in that direction and pack type: the
    /// direction's and pack type's row when the bandwidth is at most the row's maximum; null when not priced.
    /// </summary>
    public PriceTable? Find(Direction direction, int bandwidthMbps, ProductType product) =>
        _tables.GetValueOrDefault((direction, product)) is { } table && bandwidthMbps <= table.BandwidthMbps ? table : null;
}
