using SpeedUp.Core.Billing;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>Month-end settlement over SQLite: tiers per bucket, frozen amounts released, exactly once.</summary>
public sealed class SettlementTests : IDisposable
{
    private static readonly DateTimeOffset InNovember = new(2026, 11, 10, 4, 0, 0, TimeSpan.Zero);
    private readonly CoreHarness _h = new();
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(99_999, "1.00", "99999.00")]
    [InlineData(100_000, "0.80", "80000.00")]
    [InlineData(199_999, "0.80", "159999.20")]
    [InlineData(200_000, "0.70", "140000.00")]
    public async Task SettleAsync_MonthOfDown200HourPacks_ChargesAtItsTier(int volume, string unit, string total)
    {
        await _h.CustomerStore.SeedAsync("bulk", "Bulk", true, 300_000m, InNovember, Ct);
        await _h.BulkOrdersAsync("bulk", volume, Direction.Down, 200, ProductType.HourPack, InNovember, 1.00m);
        var before = await _h.Customers.GetAsync("bulk", Ct);
        Assert.Equal(volume, before.Frozen);

        _h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var bill = Assert.Single(await _h.Settlement.SettleAsync("2026-11", "bulk", Ct));

        var line = Assert.Single(bill.Lines);
        Assert.Equal((Direction.Down, 200, ProductType.HourPack, (long)volume), (line.Direction, line.BandwidthMbps, line.Product, line.Volume));
        Assert.Equal(unit, Money.Format(line.UnitPrice));
        Assert.Equal(total, Money.Format(bill.Total));
        var after = await _h.Customers.GetAsync("bulk", Ct);
        Assert.Equal(0m, after.Frozen);
        Assert.Equal(300_000m - decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), after.Balance);
    }

    [Fact]
    public async Task SettleAsync_SeveralBucketsSettledTwice_CountsBucketsSeparatelyAndChargesOnce()
    {
        await _h.CustomerStore.SeedAsync("mix", "Mix", true, 200_000m, InNovember, Ct);
        await _h.BulkOrdersAsync("mix", 3_000, Direction.Up, 20, ProductType.HourPack, InNovember, 1.50m);
        await _h.BulkOrdersAsync("mix", 2_999, Direction.Up, 20, ProductType.ThirtyDayPack, InNovember, 33.00m);
        await _h.BulkOrdersAsync("mix", 10, Direction.Down, 200, ProductType.HourPack, InNovember.AddMonths(1), 1.00m); // December: not this bill

        _h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var first = Assert.Single(await _h.Settlement.SettleAsync("2026-11", null, Ct));
        var second = Assert.Single(await _h.Settlement.SettleAsync("2026-11", null, Ct));

        Assert.Equal(2, first.Lines.Count);
        var hour = first.Lines.Single(l => l.Product == ProductType.HourPack);
        var monthly = first.Lines.Single(l => l.Product == ProductType.ThirtyDayPack);
        Assert.Equal(("1.40", "4200.00"), (Money.Format(hour.UnitPrice), Money.Format(hour.Total)));
        Assert.Equal(("33.00", "98967.00"), (Money.Format(monthly.UnitPrice), Money.Format(monthly.Total)));
        Assert.Equal(first.Total, second.Total);
        Assert.Equal(first.SettledAt, second.SettledAt);

        var customer = await _h.Customers.GetAsync("mix", Ct);
        // November charged at its tiers; December's 10.00 stays frozen.
        Assert.Equal(10.00m, customer.Frozen);
        Assert.Equal(200_000m - 4_200m - 98_967m - 10m, customer.Balance);
        var bill = await _h.Settlement.GetBillAsync("mix", "2026-11", Ct);
        Assert.True(bill.Settled);
        Assert.Equal("300.00", Money.Format(bill.Released));
    }

    [Fact]
    public async Task SettleAsync_MonthNotOverInCst_IsRefused()
    {
        await _h.CustomerStore.SeedAsync("late", "Late", true, 10m, InNovember, Ct);
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 15, 59, 59, TimeSpan.Zero)); // 23:59:59 CST

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Settlement.SettleAsync("2026-11", "late", Ct));
        Assert.Equal(FailureKind.FailedPrecondition, e.Kind);

        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero)); // 2026-12-01 00:00 CST
        Assert.Single(await _h.Settlement.SettleAsync("2026-11", "late", Ct));
    }

    [Fact]
    public async Task GetBillAsync_BeforeSettlement_IsAPreview()
    {
        await _h.CustomerStore.SeedAsync("p", "P", true, 1000m, InNovember, Ct);
        await _h.BulkOrdersAsync("p", 3, Direction.Down, 200, ProductType.ThirtyDayPack, InNovember, 15m);

        var bill = await _h.Settlement.GetBillAsync("p", "2026-11", Ct);

        Assert.False(bill.Settled);
        Assert.Equal(45m, bill.Total);
        Assert.Equal(955m, (await _h.Customers.GetAsync("p", Ct)).Balance);
    }

    [Fact]
    public async Task SettleAsync_OrdersPlacedThroughTheService_SettlesAgainstWhatTheyFroze()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Orders.OrderAsync(330100001, 202001, Ct); // down 200 hour pack, 1.00
        await _h.Orders.OrderAsync(330100001, 202001, Ct);
        await _h.Orders.OrderAsync(330100001, 100202, Ct); // up 20 30-day pack, 33.00
        var before = await _h.Customers.GetAsync(CoreHarness.Customer, Ct);
        Assert.Equal((1_000_000m - 35m, 35m), (before.Balance, before.Frozen));

        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero)); // December 1st, 00:00 CST
        var bill = Assert.Single(await _h.Settlement.SettleAsync("2026-11", CoreHarness.Customer, Ct));

        Assert.Equal([(Direction.Down, 200, ProductType.HourPack, 2L, 1.00m), (Direction.Up, 20, ProductType.ThirtyDayPack, 1L, 33.00m)],
            bill.Lines.Select(l => (l.Direction, l.BandwidthMbps, l.Product, l.Volume, l.UnitPrice)).OrderBy(l => l.Direction == Direction.Up));
        Assert.Equal((35m, 35m, 0m), (bill.Total, bill.Frozen, bill.Released)); // tier 1: the list price is the price
        var after = await _h.Customers.GetAsync(CoreHarness.Customer, Ct);
        Assert.Equal((1_000_000m - 35m, 0m), (after.Balance, after.Frozen));
    }

    [Fact]
    public async Task SettleAsync_OrdersAtTwoBandwidthsOfOnePackType_CountAsOneVolume()
    {
        // 60,000 down-200 and 40,000 down-100 hour packs: one bucket of 100,000 → 0.80 each (split, both would stay at 1.00).
        await _h.CustomerStore.SeedAsync("split", "Split", true, 200_000m, InNovember, Ct);
        await _h.BulkOrdersAsync("split", 60_000, Direction.Down, 200, ProductType.HourPack, InNovember, 1.00m);
        await _h.BulkOrdersAsync("split", 40_000, Direction.Down, 100, ProductType.HourPack, InNovember, 1.00m);
        await _h.BulkOrdersAsync("split", 3, Direction.Down, 100, ProductType.ThirtyDayPack, InNovember, 15.00m); // its own bucket
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        var bill = Assert.Single(await _h.Settlement.SettleAsync("2026-11", "split", Ct));

        Assert.Equal([(Direction.Down, 200, ProductType.HourPack, 100_000L, 0.80m), (Direction.Down, 200, ProductType.ThirtyDayPack, 3L, 15.00m)],
            bill.Lines.Select(l => (l.Direction, l.BandwidthMbps, l.Product, l.Volume, l.UnitPrice)));
        Assert.Equal(80_000m + 45m, bill.Total);
        Assert.Equal(100_000m + 45m, bill.Frozen);
    }

    [Fact]
    public async Task OrderAsync_ConcurrentRetriesOfOneOrder_PlaceItOnce()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);

        var orders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => _h.RealOrders.OrderAsync(CoreHarness.Customer, 330100001, 202002, "retry-me", Ct), Ct)));

        Assert.Single(orders.Select(o => o.OrderId).Distinct());
        Assert.Equal(15m, (await _h.Customers.GetAsync(CoreHarness.Customer, Ct)).Frozen);
    }

    [Fact]
    public void BillingMonth_AnyInstant_IsACstMonth()
    {
        Assert.Equal("2026-12", BillingMonth.Of(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)).ToString());
        Assert.Equal("2026-11", BillingMonth.Of(new DateTimeOffset(2026, 11, 30, 15, 59, 59, TimeSpan.Zero)).ToString());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), new BillingMonth(2026, 11).End);
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero), new BillingMonth(2026, 1).Start);
        Assert.Equal("2025-12", new BillingMonth(2026, 1).Previous.ToString());
        Assert.Null(BillingMonth.Parse("2026-13"));
        Assert.Null(BillingMonth.Parse("2026-1"));
    }

    [Fact]
    public async Task SettleDueMonthsAsync_FinishedMonth_IsSettledAfterTheDelayAndOnlyOnce()
    {
        await _h.CustomerStore.SeedAsync("auto", "Auto", true, 1_000m, InNovember, Ct);
        await _h.BulkOrdersAsync("auto", 10, Direction.Down, 200, ProductType.HourPack, InNovember, 1.00m);
        await _h.BulkOrdersAsync("auto", 4, Direction.Down, 200, ProductType.HourPack, new DateTimeOffset(2026, 11, 30, 15, 59, 59, TimeSpan.Zero), 1.00m); // 23:59:59 CST
        var delay = TimeSpan.FromMinutes(10);

        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 9, 59, TimeSpan.Zero)); // 2026-12-01 00:09:59 CST
        Assert.Empty(await _h.Settlement.SettleDueMonthsAsync(delay, 3, Ct));
        Assert.Equal(14m, (await _h.Customers.GetAsync("auto", Ct)).Frozen);

        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 10, 0, TimeSpan.Zero));
        var bill = Assert.Single(await _h.Settlement.SettleDueMonthsAsync(delay, 3, Ct));
        var settled = await _h.Customers.GetAsync("auto", Ct);

        Assert.Equal(("auto", "2026-11", true, 14L), (bill.CustomerId, bill.Month, bill.Settled, Assert.Single(bill.Lines).Volume));
        Assert.Equal((986m, 0m), (settled.Balance, settled.Frozen));
        _h.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await _h.Settlement.SettleDueMonthsAsync(delay, 3, Ct));
        Assert.Equal(settled, await _h.Customers.GetAsync("auto", Ct));
        Assert.Equal(bill.SettledAt, Assert.Single(await _h.Settlement.SettleAsync("2026-11", "auto", Ct)).SettledAt); // the operator's run finds it done
    }

    [Fact]
    public async Task SettleDueMonthsAsync_MonthsMissedWhileDown_AreCaughtUpOldestFirstWithinTheWindow()
    {
        await _h.CustomerStore.SeedAsync("late", "Late", true, 1_000m, InNovember.AddMonths(-3), Ct);
        foreach (var (month, count) in new[] { (9, 1), (10, 2), (11, 3), (12, 5) })
        {
            await _h.BulkOrdersAsync("late", count, Direction.Up, 20, ProductType.HourPack, new DateTimeOffset(2026, month, 10, 4, 0, 0, TimeSpan.Zero), 1.50m);
        }

        _h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
        var caughtUp = await _h.Settlement.SettleDueMonthsAsync(TimeSpan.FromMinutes(10), 2, Ct);

        Assert.Equal(["2026-10", "2026-11"], caughtUp.Select(b => b.Month));
        Assert.Equal(1.50m + 7.50m, (await _h.Customers.GetAsync("late", Ct)).Frozen); // September and December still frozen
        var wider = await _h.Settlement.SettleDueMonthsAsync(TimeSpan.FromMinutes(10), 3, Ct);
        Assert.Equal("2026-09", Assert.Single(wider).Month);
        Assert.Equal(7.50m, (await _h.Customers.GetAsync("late", Ct)).Frozen); // December is not over
    }

    [Theory]
    [InlineData("00:00:00.5", "00:10:00", 3, "CheckInterval")]
    [InlineData("01:00:00", "-00:00:01", 3, "Delay")]
    [InlineData("01:00:00", "00:10:00", 0, "CatchUpMonths")]
    [InlineData("01:00:00", "00:10:00", 25, "CatchUpMonths")]
    public void Validate_ScheduleSettingOutOfRange_IsRefused(string interval, string delay, int months, string key)
    {
        var options = new MonthEndSettlementOptions
        {
            CheckInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
            Delay = TimeSpan.Parse(delay, System.Globalization.CultureInfo.InvariantCulture),
            CatchUpMonths = months,
        };

        var result = new MonthEndSettlementOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("SpeedUp:Settlement:" + key, result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new MonthEndSettlementOptionsValidator().Validate(null, new MonthEndSettlementOptions()).Succeeded);
    }
}
