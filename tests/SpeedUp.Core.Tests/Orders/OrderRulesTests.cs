using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>Orders: pre-deduction, order exclusion, expiry, idempotency; customers and their isolation.</summary>
public sealed class OrderRulesTests : IDisposable
{
    private const long Band = 330100001;
    private const long Down200Hour = 202001;
    private const long Down200Monthly = 202002;
    private const long Down100Hour = 201001;
    private const long Up20Hour = 100201;
    private readonly CoreHarness _h = new();
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _h.Dispose();

    private Task PrecheckAsync(string customer = CoreHarness.Customer) => _h.RealPrecheck.PrecheckAsync(customer, "202.101.172.35", 0, Ct);

    private Task<OfferOrder> OrderAsync(long offerId, string? requestId = null, string customer = CoreHarness.Customer) =>
        _h.RealOrders.OrderAsync(customer, Band, offerId, requestId, Ct);

    // Found by the injection fuzz: an offer id that is no offer of the product was looked up (isv.BAND_CHECK_EXPIRE without a
    // pre-check, isp.LX_CREATE_ORDER_FAILURE with one) instead of being refused as a malformed field before any lookup.
    [Theory]
    [InlineData(201501)] // DOWN 150: not a tier
    [InlineData(100501)] // UP 50: not a tier
    [InlineData(202003)] // product 3
    [InlineData(429496729802001)]
    public async Task OrderAsync_OfferIdOfNoOffer_IsInvalidParametersBeforeAnyLookup(long offerId)
    {
        var withoutPrecheck = await Assert.ThrowsAsync<SpeedUpException>(() => OrderAsync(offerId));
        await PrecheckAsync();
        var withPrecheck = await Assert.ThrowsAsync<SpeedUpException>(() => OrderAsync(offerId));

        Assert.All([withoutPrecheck, withPrecheck], e => Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (e.Code, e.Kind)));
        var customer = await _h.Customers.GetAsync(CoreHarness.Customer, Ct);
        Assert.Equal(0m, customer.Frozen);
    }

    [Fact]
    public async Task OrderAsync_ValidOffer_FreezesTheListPriceOnTheBalance()
    {
        await PrecheckAsync();
        var order = await OrderAsync(Down200Hour);

        Assert.Equal(1.00m, order.FrozenAmount);
        var customer = await _h.Customers.GetAsync(CoreHarness.Customer, Ct);
        Assert.Equal((999_999.00m, 1.00m), (customer.Balance, customer.Frozen));
        Assert.Equal(order, await _h.OrderStore.FindAsync(order.OrderId, Ct));
    }

    [Fact]
    public async Task OrderAsync_InsufficientBalance_IsAnOrderFailureAndFreezesNothing()
    {
        await _h.CustomerStore.SeedAsync("poor", "Poor", true, 0.50m, _h.Time.GetUtcNow(), Ct);
        await PrecheckAsync("poor");

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => OrderAsync(Down200Hour, customer: "poor"));

        Assert.Equal(ProductErrorCode.CreateOrderFailure, e.Code);
        Assert.Contains("balance", e.Message, StringComparison.OrdinalIgnoreCase);
        var poor = await _h.Customers.GetAsync("poor", Ct);
        Assert.Equal((0.50m, 0m), (poor.Balance, poor.Frozen));
        Assert.Empty(await _h.OrderStore.ListLineOrdersAsync("poor", Band, Direction.Down, DateTimeOffset.MinValue, Ct));
    }

    [Fact]
    public async Task OrderAsync_30DayPackThisMonth_ExcludesHourPacksOfThatDirection()
    {
        await PrecheckAsync();
        await OrderAsync(Down200Monthly);

        var same = await Assert.ThrowsAsync<SpeedUpException>(() => OrderAsync(Down200Hour));
        var otherBandwidth = await Assert.ThrowsAsync<SpeedUpException>(() => OrderAsync(Down100Hour));

        Assert.Equal(ProductErrorCode.CreateOrderFailure, same.Code);
        Assert.Contains("order exclusion", same.Message, StringComparison.Ordinal);
        Assert.Equal(ProductErrorCode.CreateOrderFailure, otherBandwidth.Code);
        Assert.Equal(Direction.Up, (await OrderAsync(Up20Hour)).Direction); // the other direction is free
        Assert.Equal(999_985.00m - 1.50m, (await _h.Customers.GetAsync(CoreHarness.Customer, Ct)).Balance); // refusals froze nothing
    }

    [Fact]
    public async Task OrderAsync_HourPacksBeforeA30DayPack_StayValid()
    {
        await PrecheckAsync();
        await OrderAsync(Down200Hour);
        await OrderAsync(Down200Monthly);

        Assert.Equal(2, (await _h.OrderStore.ListLineOrdersAsync(CoreHarness.Customer, Band, Direction.Down, _h.Time.GetUtcNow(), Ct)).Count);
    }

    [Fact]
    public async Task OrderAsync_30DayPackFromLastMonthStillRunning_ExcludesHourPacks()
    {
        await PrecheckAsync();
        await OrderAsync(Down200Monthly);
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
        await PrecheckAsync();

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => OrderAsync(Down200Hour));
        Assert.Equal(ProductErrorCode.CreateOrderFailure, e.Code);

        _h.Time.SetUtcNow(new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero)); // ordered 2026-11-23: ran out 2026-12-23
        await PrecheckAsync();
        Assert.Equal(ProductType.HourPack, (await OrderAsync(Down200Hour)).Product);
    }

    [Fact]
    public async Task OrderAsync_HourAnd30DayPacks_ExpireAtCstMonthEndAndAfter30NaturalDays()
    {
        await PrecheckAsync();
        var hour = await OrderAsync(Down200Hour);
        var monthly = await OrderAsync(Up20Hour + 1);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), hour.ExpiresAt); // 2026-12-01 00:00 CST
        // Ordered 2026-11-23 16:00 CST: 30 natural days 11-23 … 12-22, over at 2026-12-23 00:00 CST — not 720 h later (16:00).
        Assert.Equal(new DateTimeOffset(2026, 12, 22, 16, 0, 0, TimeSpan.Zero), monthly.ExpiresAt);
        Assert.Equal("2026-11", hour.BillingMonth);
    }

    [Theory]
    [InlineData("2026-11-22T16:00:00Z", "2026-12-22T16:00:00Z")] // 00:00 CST on 11-23: the whole first day counts
    [InlineData("2026-11-23T15:59:59Z", "2026-12-22T16:00:00Z")] // 23:59:59 CST on 11-23: the same day, the same end
    [InlineData("2026-11-23T16:00:00Z", "2026-12-23T16:00:00Z")] // 00:00 CST on 11-24: a day later
    [InlineData("2027-02-10T03:00:00Z", "2027-03-11T16:00:00Z")] // across February's 28 days: 02-10 … 03-11
    public void ExpiryOf_ThirtyDayPack_IsCstMidnightAfterItsThirtiethNaturalDay(string orderedAt, string expected)
    {
        var ordered = DateTimeOffset.Parse(orderedAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ThirtyDayPack.ExpiryOf(ordered));
    }

    [Fact]
    public async Task OrderAsync_At1630UtcOnNovember30th_IsAlreadyDecember()
    {
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero));
        await PrecheckAsync();

        var hour = await OrderAsync(Down200Hour);

        Assert.Equal("2026-12", hour.BillingMonth);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), hour.ExpiresAt);
    }

    [Fact]
    public async Task OrderAsync_RetriedWithTheSameClientRequestId_ReturnsTheFirstAndChargesOnce()
    {
        await PrecheckAsync();
        var first = await OrderAsync(Down200Hour, "order:1.a-b_c");
        _h.Time.Advance(TimeSpan.FromHours(2)); // the pre-check expired meanwhile: the retry still gets its answer
        var retry = await OrderAsync(Down200Hour, "order:1.a-b_c");

        Assert.Equal(first.OrderId, retry.OrderId);
        Assert.Equal(1.00m, (await _h.Customers.GetAsync(CoreHarness.Customer, Ct)).Frozen);

        var other = await Assert.ThrowsAsync<SpeedUpException>(() => OrderAsync(Up20Hour, "order:1.a-b_c"));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (other.Code, other.Kind));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("x1234567890123456789012345678901234567890123456789012345678901234")]
    public async Task OrderAsync_MalformedClientRequestId_IsInvalidParameters(string id)
    {
        await PrecheckAsync();
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => OrderAsync(Down200Hour, id));
        Assert.Equal(ProductErrorCode.InvalidParameters, e.Code);
    }

    [Fact]
    public async Task OrderAsync_SameClientRequestIdOfTwoCustomers_IsTwoOrders()
    {
        await _h.CustomerStore.SeedAsync("c2", "Other", true, 100m, _h.Time.GetUtcNow(), Ct);
        await PrecheckAsync();
        await PrecheckAsync("c2");

        var mine = await OrderAsync(Down200Hour, "same");
        var theirs = await OrderAsync(Down200Hour, "same", "c2");

        Assert.NotEqual(mine.OrderId, theirs.OrderId);
    }

    [Fact]
    public async Task CustomerIsolation_AnotherCustomersLine_AnswersAsIfItDidNotExist()
    {
        await _h.CustomerStore.SeedAsync("c2", "Other", true, 100m, _h.Time.GetUtcNow(), Ct);
        var order = await Assert.ThrowsAsync<SpeedUpException>(async () => { await PrecheckAsync(); await OrderAsync(Down200Hour, customer: "c2"); });
        Assert.Equal(ProductErrorCode.PrecheckExpired, order.Code); // my pre-check is not theirs
        await PrecheckAsync("c2"); // before my speed-up: the line still qualifies for 200 Mbps
        await OrderAsync(Down200Monthly);
        var noOrder = await Assert.ThrowsAsync<SpeedUpException>(() => _h.RealService.StartAsync("c2", CoreHarness.StartDown(), Ct));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition), (noOrder.Code, noOrder.Kind)); // my orders are not theirs
        var mine = await _h.RealService.StartAsync(CoreHarness.Customer, CoreHarness.StartDown(), Ct);

        var stop = await Assert.ThrowsAsync<SpeedUpException>(() => _h.RealService.StopAsync("c2", CoreHarness.StopDown(), Ct));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.NotFound), (stop.Code, stop.Kind));
        var status = await _h.RealService.StatusAsync("c2", Band, Ct);
        Assert.Null(status.Down);

        await OrderAsync(Down200Hour, customer: "c2");
        var busy = await Assert.ThrowsAsync<SpeedUpException>(() => _h.RealService.StartAsync("c2", CoreHarness.StartDown(), Ct));
        Assert.Equal(FailureKind.AlreadyExists, busy.Kind);
        Assert.DoesNotContain(mine.Id, busy.Message, StringComparison.Ordinal);

        Assert.Equal(SessionState.Active, (await _h.RealService.StatusAsync(CoreHarness.Customer, Band, Ct)).Down!.State);
    }

    [Fact]
    public async Task PrecheckAsync_AnotherCustomersSpeedUpOnTheLine_IsNotSeen()
    {
        await _h.CustomerStore.SeedAsync("c2", "Other", true, 100m, _h.Time.GetUtcNow(), Ct);
        var before = await _h.RealPrecheck.PrecheckAsync("c2", "202.101.172.35", 0, Ct);
        await PrecheckAsync();
        await OrderAsync(Down200Monthly);
        var mine = await _h.RealService.StartAsync(CoreHarness.Customer, CoreHarness.StartDown(), Ct);
        Assert.Equal(200000, _h.Driver.RatesOf(Band).DownKbps);

        // Their pre-check shows the line as it was before my speed-up: its original rate and the same offers.
        var theirs = (await _h.RealPrecheck.PrecheckAsync("c2", "202.101.172.35", 0, Ct)).Precheck;
        Assert.Equal(new LineRates(4000, 50000), theirs.Rates);
        Assert.Equal(before.Precheck.Offers, theirs.Offers);

        // Mine is mine to see.
        var own = (await _h.RealPrecheck.PrecheckAsync(CoreHarness.Customer, "202.101.172.35", 0, Ct)).Precheck;
        Assert.Equal(new LineRates(4000, 200000), own.Rates);
        Assert.DoesNotContain(own.Offers, o => o.Direction == Direction.Down);

        // They may order the tier; their start meets the use exclusion, which names nothing of mine.
        await OrderAsync(Down200Hour, customer: "c2");
        var busy = await Assert.ThrowsAsync<SpeedUpException>(() => _h.RealService.StartAsync("c2", CoreHarness.StartDown(), Ct));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.AlreadyExists), (busy.Code, busy.Kind));
        Assert.DoesNotContain(mine.Id, busy.Message, StringComparison.Ordinal);

        // Once my speed-up ends, everyone sees the equipment's rate again.
        await _h.RealService.StopAsync(CoreHarness.Customer, CoreHarness.StopDown(), Ct);
        Assert.Equal(new LineRates(4000, 50000), (await _h.RealPrecheck.PrecheckAsync("c2", "202.101.172.35", 0, Ct)).Precheck.Rates);
    }

    [Fact]
    public async Task RequireActiveAsync_UnknownOrUnsubscribedCaller_IsDenied()
    {
        await _h.CustomerStore.SeedAsync("gone", "Gone", false, 100m, _h.Time.GetUtcNow(), Ct);
        Assert.Equal(CoreHarness.Customer, await _h.Customers.RequireActiveAsync(Caller(CoreHarness.Customer), Ct));
        await AssertDeniedAsync(_h.Customers, Caller(null), ProductErrorCode.PermissionDenied);
        await AssertDeniedAsync(_h.Customers, Caller("nobody"), ProductErrorCode.PermissionDenied);
        await AssertDeniedAsync(_h.Customers, Caller("bad id"), ProductErrorCode.PermissionDenied);
        await AssertDeniedAsync(_h.Customers, Caller("gone"), ProductErrorCode.ProductUnsubscribed);

        await _h.Customers.SetSubscriptionAsync("gone", true, Ct);
        Assert.Equal("gone", await _h.Customers.RequireActiveAsync(Caller("gone"), Ct));
    }

    [Fact]
    public async Task SeedAsync_Again_KeepsTheBalanceAlreadySpent()
    {
        await PrecheckAsync();
        await OrderAsync(Down200Monthly);
        var options = new CustomerOptions();
        options.Seed.Add(new CustomerSeedOptions { Id = CoreHarness.Customer, Name = "Renamed", Subscribed = true, Balance = 1_000_000m });
        options.Seed.Add(new CustomerSeedOptions { Id = "fresh", Name = "Fresh", Balance = 50m });

        await new CustomerService(_h.CustomerStore, Options.Create(options), _h.Time).SeedAsync(Ct);

        var c1 = await _h.Customers.GetAsync(CoreHarness.Customer, Ct);
        Assert.Equal(("Renamed", 999_985m, 15m), (c1.Name, c1.Balance, c1.Frozen));
        Assert.Equal(50m, (await _h.Customers.GetAsync("fresh", Ct)).Balance);
        Assert.Equal(75.25m, (await _h.Customers.TopUpAsync("fresh", 25.25m, Ct)).Balance);
        await Assert.ThrowsAsync<SpeedUpException>(() => _h.Customers.TopUpAsync("fresh", -1m, Ct));
        await Assert.ThrowsAsync<SpeedUpException>(() => _h.Customers.CreateAsync("fresh", "again", true, 0m, Ct));
    }

    private static async Task AssertDeniedAsync(CustomerService service, ICallerContext caller, string code)
    {
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => service.RequireActiveAsync(caller, TestContext.Current.CancellationToken));
        Assert.Equal((code, FailureKind.PermissionDenied), (e.Code, e.Kind));
    }

    private static CallerIdentity Caller(string? id)
    {
        var caller = new CallerIdentity();
        caller.Identify("AKTEST", id);
        return caller;
    }
}
