using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>The product's volume tiers: reaching a tier prices every order of the bucket at that tier.</summary>
public sealed class PricingTests
{
    private static readonly PriceList Prices = new(Microsoft.Extensions.Options.Options.Create(ProductPricing.Options()));

    private static PriceTable Table(Direction d, int mbps, ProductType p) => Prices.Find(d, mbps, p)!;

    [Theory]
    [InlineData(1, "1.00", "1.00")]
    [InlineData(99_999, "1.00", "99999.00")]
    [InlineData(100_000, "0.80", "80000.00")] // the document's worked example says 1.00; its table and rule say 0.80
    [InlineData(199_999, "0.80", "159999.20")]
    [InlineData(200_000, "0.70", "140000.00")] // the document's worked example says 0.84 / 168,000; the table says 0.70
    [InlineData(250_000, "0.70", "175000.00")]
    public void UnitPriceForAndTotalFor_Down200HourPack_FollowTheTierTable(long volume, string unit, string total)
    {
        var table = Table(Direction.Down, 200, ProductType.HourPack);

        Assert.Equal(decimal.Parse(unit, System.Globalization.CultureInfo.InvariantCulture), table.UnitPriceFor(volume));
        Assert.Equal(total, Money.Format(table.TotalFor(volume)));
    }

    [Theory]
    [InlineData(99_999, "15.00")]
    [InlineData(100_000, "11.00")]
    [InlineData(199_999, "11.00")]
    [InlineData(200_000, "6.50")]
    public void UnitPriceFor_Down200ThirtyDayPack_FollowsTheTierTable(long volume, string unit) =>
        Assert.Equal(unit, Money.Format(Table(Direction.Down, 200, ProductType.ThirtyDayPack).UnitPriceFor(volume)));

    [Theory]
    [InlineData(0, "1.50", "33.00")]
    [InlineData(2_999, "1.50", "33.00")]
    [InlineData(3_000, "1.40", "30.00")]
    [InlineData(4_999, "1.40", "30.00")]
    [InlineData(5_000, "1.30", "28.00")]
    [InlineData(19_999, "1.30", "28.00")]
    [InlineData(20_000, "1.20", "22.00")]
    [InlineData(49_999, "1.20", "22.00")]
    [InlineData(50_000, "1.00", "15.00")]
    [InlineData(1_000_000, "1.00", "15.00")]
    public void UnitPriceFor_Up20_HasFiveTiers(long volume, string hourPack, string thirtyDay)
    {
        Assert.Equal(hourPack, Money.Format(Table(Direction.Up, 20, ProductType.HourPack).UnitPriceFor(volume)));
        Assert.Equal(thirtyDay, Money.Format(Table(Direction.Up, 20, ProductType.ThirtyDayPack).UnitPriceFor(volume)));
    }

    [Fact]
    public void TotalFor_Up20_IsExact()
    {
        Assert.Equal("4498.50", Money.Format(Table(Direction.Up, 20, ProductType.HourPack).TotalFor(2_999)));
        Assert.Equal("4200.00", Money.Format(Table(Direction.Up, 20, ProductType.HourPack).TotalFor(3_000)));
        Assert.Equal("750000.00", Money.Format(Table(Direction.Up, 20, ProductType.ThirtyDayPack).TotalFor(50_000)));
    }

    [Fact]
    public void ListPrice_AnyTable_IsTheFirstTier()
    {
        Assert.Equal(1.00m, Table(Direction.Down, 200, ProductType.HourPack).ListPrice);
        Assert.Equal(33.00m, Table(Direction.Up, 20, ProductType.ThirtyDayPack).ListPrice);
    }

    [Fact]
    public void Tables_ShippedConfiguration_HoldTheProductTable()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Adapters.sln")))
        {
            root = root.Parent!;
        }

        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root.FullName, "src/SpeedUp.Host/appsettings.json")));
        var tables = json.RootElement.GetProperty("SpeedUp").GetProperty("Pricing").GetProperty("Tables");
        var down200Hour = tables.EnumerateArray().Single(t =>
            t.GetProperty("Direction").GetString() == "Down" && t.GetProperty("BandwidthMbps").GetInt32() == 200 && t.GetProperty("Product").GetString() == "HourPack");
        var tiers = down200Hour.GetProperty("Tiers").EnumerateArray().Select(t => (t.GetProperty("MinVolume").GetInt64(), t.GetProperty("UnitPrice").GetDecimal())).ToArray();
        Assert.Equal([(0L, 1.00m), (100_000L, 0.80m), (200_000L, 0.70m)], tiers);
    }

    [Fact]
    public void Validate_BadTables_AreRefusedAtStartUp()
    {
        var validator = new PricingOptionsValidator();
        Assert.True(validator.Validate(null, ProductPricing.Options()).Succeeded);

        var noZero = new PricingOptions { Tables = { ProductPricing.Table(Direction.Down, 200, ProductType.HourPack, (1, 1m)) } };
        var unordered = new PricingOptions { Tables = { ProductPricing.Table(Direction.Down, 200, ProductType.HourPack, (0, 1m), (10, 0.9m), (5, 0.8m)) } };
        var dearer = new PricingOptions { Tables = { ProductPricing.Table(Direction.Down, 200, ProductType.HourPack, (0, 1m), (10, 1.1m)) } };
        var inexact = new PricingOptions { Tables = { ProductPricing.Table(Direction.Down, 200, ProductType.HourPack, (0, 1.00001m)) } };
        var twice = new PricingOptions
        {
            Tables = { ProductPricing.Table(Direction.Up, 20, ProductType.HourPack, (0, 1m)), ProductPricing.Table(Direction.Up, 20, ProductType.HourPack, (0, 2m)) },
        };
        var splitByBandwidth = new PricingOptions // volume is per direction and pack type: a second row for 10 Mbps would split it
        {
            Tables = { ProductPricing.Table(Direction.Up, 20, ProductType.HourPack, (0, 1m)), ProductPricing.Table(Direction.Up, 10, ProductType.HourPack, (0, 1m)) },
        };
        foreach (var bad in new[] { noZero, unordered, dearer, inexact, twice, splitByBandwidth })
        {
            Assert.True(validator.Validate(null, bad).Failed);
        }
    }

    [Fact]
    public void Find_LowerTierOfTheDirection_IsPricedByTheRowWhoseBandwidthIsTheMaximum()
    {
        Assert.Same(Prices.Find(Direction.Down, 200, ProductType.HourPack), Prices.Find(Direction.Down, 100, ProductType.HourPack));
        Assert.Same(Prices.Find(Direction.Up, 20, ProductType.ThirtyDayPack), Prices.Find(Direction.Up, 10, ProductType.ThirtyDayPack));
        Assert.NotSame(Prices.Find(Direction.Down, 100, ProductType.HourPack), Prices.Find(Direction.Down, 100, ProductType.ThirtyDayPack));
        Assert.Null(Prices.Find(Direction.Down, 300, ProductType.HourPack)); // above the row's maximum: not priced
    }

    [Fact]
    public void ToUnitsAndFromUnits_Money_IsStoredExactly()
    {
        Assert.Equal(8_000, Money.ToUnits(0.80m));
        Assert.Equal(0.0001m, Money.FromUnits(1));
        Assert.Throws<ArgumentException>(() => Money.ToUnits(0.00001m));
        Assert.Equal(140_000.00m, Money.FromUnits(Money.ToUnits(0.70m) * 200_000));
    }
}
