using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Billing;

/// <summary>A bucket's orders of a month and what they cost.</summary>
public sealed record BucketVolume(Direction Direction, int BandwidthMbps, ProductType Product, long Volume, decimal Frozen);

/// <summary>
/// One line of a bill: a bucket (direction and product; <paramref name="BandwidthMbps"/> is the price table's maximum
/// bandwidth, the orders may be at lower tiers), its monthly volume, the tier's unit price and the total.
/// </summary>
public sealed record BillLine(
    Direction Direction, int BandwidthMbps, ProductType Product, long Volume, decimal UnitPrice, decimal Total, decimal Frozen);

/// <summary>
/// A customer's bill for a CST month. Settled: charged and the rest of the frozen amount released (once; settling
/// again returns this bill). Not settled: a preview at the current volumes.
/// </summary>
public sealed record Bill(string CustomerId, string Month, bool Settled, DateTimeOffset? SettledAt, IReadOnlyList<BillLine> Lines)
{
    /// <summary>What the month costs.</summary>
    public decimal Total => Lines.Sum(l => l.Total);

    /// <summary>What the month's orders froze.</summary>
    public decimal Frozen => Lines.Sum(l => l.Frozen);

    /// <summary>What the settlement gives back to the balance.</summary>
    public decimal Released => Frozen - Total;
}
