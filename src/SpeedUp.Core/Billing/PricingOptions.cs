using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Billing;

/// <summary>
/// Price tables (section <c>SpeedUp:Pricing</c>), one per (direction, product) bucket: each pack type counts its own
/// monthly volume, whatever the bandwidth of the orders (docs/commercial.md, "Pricing and month-end settlement").
/// </summary>
public sealed class PricingOptions
{
    /// <summary>The tables. An offer without a table cannot be ordered.</summary>
    public List<PriceTableOptions> Tables { get; set; } = [];
}

/// <summary>One bucket's volume tiers.</summary>
public sealed class PriceTableOptions
{
    /// <summary>Direction of the bucket.</summary>
    public Direction Direction { get; set; }

    /// <summary>
    /// The row's maximum target bandwidth, Mbps (the product's table: 200 down, 20 up). Orders at this or a lower tier of
    /// the direction are priced and counted by this table; a higher one is not priced.
    /// </summary>
    public int BandwidthMbps { get; set; }

    /// <summary>Product of the bucket.</summary>
    public ProductType Product { get; set; }

    /// <summary>Tiers by ascending <see cref="PriceTierOptions.MinVolume"/>; the first starts at 0 and is the list price.</summary>
    public List<PriceTierOptions> Tiers { get; set; } = [];
}

/// <summary>From this monthly volume on (inclusive), every order of the bucket costs <see cref="UnitPrice"/>.</summary>
public sealed class PriceTierOptions
{
    /// <summary>Lowest monthly volume of the tier (inclusive).</summary>
    public long MinVolume { get; set; }

    /// <summary>CNY per order, at most four decimals.</summary>
    public decimal UnitPrice { get; set; }
}
