using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Orders;
using SpeedUp.Drivers;
using Xunit;
using static SpeedUp.Testing.Storage.StoreSamples;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="ISettlementStore"/>: a month's volumes per bucket, and a settlement that charges once,
/// however often and from however many instances it is saved.
/// </summary>
public abstract class SettlementStoreContractTests : StoreContractTests
{
    private ISettlementStore Settlements => Get<ISettlementStore>();

    [Fact]
    public async Task ListBucketsAsync_CountsTheCustomersOrdersOfTheMonthPerBucket()
    {
        await SeedOrdersAsync();

        var buckets = await Settlements.ListBucketsAsync("c1", Month, Ct);

        Assert.Equal(
            new[]
            {
                new BucketVolume(Direction.Down, 200, ProductType.HourPack, 2, 25m),
                new BucketVolume(Direction.Down, 200, ProductType.ThirtyDayPack, 1, 99m),
                new BucketVolume(Direction.Up, 50, ProductType.HourPack, 1, 3.5m),
            }.OrderBy(b => (b.Direction, b.BandwidthMbps, b.Product)),
            buckets.OrderBy(b => (b.Direction, b.BandwidthMbps, b.Product)));
        Assert.Empty(await Settlements.ListBucketsAsync("c3", Month, Ct));
    }

    [Fact]
    public async Task ListCustomersWithOrdersAsync_ReturnsEachCustomerWithOrdersInTheMonthOnce()
    {
        await SeedOrdersAsync();

        Assert.Equal(["c1", "c2"], (await Settlements.ListCustomersWithOrdersAsync(Month, Ct)).Order(StringComparer.Ordinal));
        Assert.Equal(["c1"], await Settlements.ListCustomersWithOrdersAsync("2026-11", Ct));
        Assert.Empty(await Settlements.ListCustomersWithOrdersAsync("2027-01", Ct));
    }

    [Fact]
    public async Task SaveSettlementAsync_ReleasesTheFrozenAmountAndChargesTheTotal()
    {
        await SeedOrdersAsync();
        var bill = Bill(at: T0.AddDays(30), downTotal: 20m);
        Assert.Null(await Settlements.FindBillAsync("c1", Month, Ct));

        var standing = await Settlements.SaveSettlementAsync(bill, Ct);

        AssertSameBill(bill, standing);
        AssertSameBill(bill, await Settlements.FindBillAsync("c1", Month, Ct));
        // 1000 − 127.5 − 7 frozen by the orders; the settlement gives back this month's 127.5 and charges the total; last month's 7 stay frozen.
        var customer = await Get<ICustomerStore>().FindAsync("c1", Ct);
        Assert.Equal((1000m - 127.5m - 7m + 127.5m - bill.Total, 7m), (customer!.Balance, customer.Frozen));
        Assert.Null(await Settlements.FindBillAsync("c2", Month, Ct));
    }

    [Fact]
    public async Task SaveSettlementAsync_Twice_ChargesOnceAndReturnsTheFirstBill()
    {
        await SeedOrdersAsync();
        var first = Bill(at: T0.AddDays(30), downTotal: 20m);
        await Settlements.SaveSettlementAsync(first, Ct);
        var balance = (await Get<ICustomerStore>().FindAsync("c1", Ct))!.Balance;

        var again = await Get<ISettlementStore>(await SecondInstanceAsync()).SaveSettlementAsync(Bill(at: T0.AddDays(31), downTotal: 24m), Ct);

        AssertSameBill(first, again);
        AssertSameBill(first, await Settlements.FindBillAsync("c1", Month, Ct));
        Assert.Equal(balance, (await Get<ICustomerStore>().FindAsync("c1", Ct))!.Balance);
    }

    [Fact]
    public async Task SaveSettlementAsync_FromTwoInstancesAtOnce_ChargesOnce_BothGetTheStandingBill()
    {
        await SeedOrdersAsync();
        var instances = new[] { Settlements, Get<ISettlementStore>(await SecondInstanceAsync()) };
        var bills = new[] { Bill(at: T0.AddDays(30), downTotal: 20m), Bill(at: T0.AddDays(30).AddSeconds(1), downTotal: 24m) };

        var standing = await Task.WhenAll(instances.Select((store, i) => Task.Run(() => store.SaveSettlementAsync(bills[i], Ct), Ct)));

        var winner = bills.Single(b => b.SettledAt == standing[0].SettledAt);
        AssertSameBill(winner, standing[0]);
        AssertSameBill(winner, standing[1]);
        AssertSameBill(winner, await Settlements.FindBillAsync("c1", Month, Ct));
        var customer = await Get<ICustomerStore>().FindAsync("c1", Ct);
        Assert.Equal((1000m - 7m - winner.Total, 7m), (customer!.Balance, customer.Frozen));
    }

    /// <summary>
    /// c1 (1000 CNY): this month two DOWN 200 hour packs (12.5 each), one DOWN 200 30-day pack (99), one UP 50 hour pack (3.5);
    /// last month one (7, still frozen). c2: one order this month.
    /// </summary>
    private async Task SeedOrdersAsync()
    {
        var customers = Get<ICustomerStore>();
        var orders = Get<IOrderStore>();
        await customers.CreateAsync(Customer("c1", 1000m), Ct);
        await customers.CreateAsync(Customer("c2", 1000m), Ct);
        foreach (var order in new[]
                 {
                     Order("LX1", "c1", 12.5m),
                     Order("LX2", "c1", 12.5m, createdAt: T0.AddHours(1)),
                     Order("LX3", "c1", 99m, product: ProductType.ThirtyDayPack),
                     Order("LX4", "c1", 3.5m, direction: Direction.Up, mbps: 50),
                     Order("LX5", "c1", 7m, createdAt: T0.AddDays(-10), month: "2026-11"),
                     Order("LX6", "c2", 12.5m),
                 })
        {
            Assert.Equal(OrderPlacement.Placed, await orders.PlaceAsync(order, Ct));
        }
    }

    /// <summary>c1's bill of <see cref="StoreSamples.Month"/> (127.5 CNY frozen), the DOWN hour packs costing <paramref name="downTotal"/>.</summary>
    private static Bill Bill(DateTimeOffset at, decimal downTotal) => new("c1", Month, true, at,
    [
        new BillLine(Direction.Down, 200, ProductType.HourPack, 2, downTotal / 2, downTotal, 25m),
        new BillLine(Direction.Down, 200, ProductType.ThirtyDayPack, 1, 90m, 90m, 99m),
        new BillLine(Direction.Up, 50, ProductType.HourPack, 1, 3m, 3m, 3.5m),
    ]);

    private static void AssertSameBill(Bill expected, Bill? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.CustomerId, expected.Month, true, expected.SettledAt), (actual.CustomerId, actual.Month, actual.Settled, actual.SettledAt));
        Assert.Equal(
            expected.Lines.OrderBy(l => (l.Direction, l.BandwidthMbps, l.Product)),
            actual.Lines.OrderBy(l => (l.Direction, l.BandwidthMbps, l.Product)));
    }
}
