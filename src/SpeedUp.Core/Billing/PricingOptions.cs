using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Billing;

/// <summary>Price tables (section <c>SpeedUp:Pricing</c>), one per (direction, bandwidth, product) bucket.</summary>
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

    /// <summary>Target bandwidth of the bucket, Mbps.</summary>
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
