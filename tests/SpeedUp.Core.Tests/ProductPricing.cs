using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>
/// The product document's price tables (product-spec.md, "Pricing"), as shipped: one per direction and pack type, whose
/// bandwidth (200 down, 20 up) is the row's maximum, so the 100/10 Mbps tiers are priced and counted by the same rows.
/// </summary>
internal static class ProductPricing
{
    public static PricingOptions Options()
    {
        var options = new PricingOptions();
        options.Tables.Add(Table(Direction.Down, 200, ProductType.HourPack, (0, 1.00m), (100_000, 0.80m), (200_000, 0.70m)));
        options.Tables.Add(Table(Direction.Down, 200, ProductType.ThirtyDayPack, (0, 15.00m), (100_000, 11.00m), (200_000, 6.50m)));
        options.Tables.Add(Table(Direction.Up, 20, ProductType.HourPack, (0, 1.50m), (3_000, 1.40m), (5_000, 1.30m), (20_000, 1.20m), (50_000, 1.00m)));
        options.Tables.Add(Table(Direction.Up, 20, ProductType.ThirtyDayPack, (0, 33.00m), (3_000, 30.00m), (5_000, 28.00m), (20_000, 22.00m), (50_000, 15.00m)));

        return options;
    }

    public static PriceTableOptions Table(Direction direction, int mbps, ProductType product, params (long Min, decimal Price)[] tiers)
    {
        var table = new PriceTableOptions { Direction = direction, BandwidthMbps = mbps, Product = product };
        table.Tiers.AddRange(tiers.Select(t => new PriceTierOptions { MinVolume = t.Min, UnitPrice = t.Price }));
        return table;
    }
}
