using System.Text;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Customers;

/// <summary>
/// The commercial side over gRPC against the service (in process, on a fake clock): customers (each calling with its own access key) kept apart,
/// starts paid by orders, pre-deduction from the balance, retry-safe orders and starts (across a restart: tests/SpeedUp.EndToEndTests),
/// business statistics and the streamed CSV export, bills.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class CommercialTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private const string Ip = "202.101.172.35";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-commercial-{Guid.NewGuid():N}.db");
    private Dictionary<string, SpeedUp.Signing.AccessKeyCredentials> _keys = [];
    private InProcessService _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await InProcessService.StartAsync(networks.Simulators, _database);
        _keys = await TwoCustomers.CreateAsync(_service, Ct);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    /// <summary>The speed-up API as <paramref name="customer"/>: signed by its key (on the current service process).</summary>
    private SpeedUpService.SpeedUpServiceClient As(string customer) => _service.ClientAs(_keys[customer]);

    private static StartSpeedUpRequest StartDown(long bandId, string? requestId = null) => new()
    {
        IpAddress = Ip, BandId = bandId, Direction = Direction.Down, TargetBandwidthMbps = 200, Scene = "game", ClientRequestId = requestId ?? "",
    };

    private static StopSpeedUpRequest StopDown(long bandId) => new() { IpAddress = Ip, BandId = bandId, Direction = Direction.Down };

    [Fact]
    public async Task StartSpeedUp_WithoutOrderOrByAnotherCustomer_FailsAndCustomersAreKeptApart()
    {
        var precheck = await As("alice").PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, cancellationToken: Ct);
        await ProductError.AssertFailsAsync(() => As("alice").StartSpeedUpAsync(StartDown(precheck.BandId)),
            "isv.INVALID_PARAMETERS", StatusCode.FailedPrecondition);
        Assert.Equal(50000, DeviceViews.ReadOverSsh(networks, "zj0571a0001").Down);

        var order = await As("alice").OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202001 }, cancellationToken: Ct);
        Assert.Equal(("1.00", ProductType.HourPack), (order.FrozenAmount, order.Product));
        var started = await As("alice").StartSpeedUpAsync(StartDown(precheck.BandId), cancellationToken: Ct);
        try
        {
            Assert.Equal(3600, started.Status.ExpiresAt.Seconds - started.Status.StartedAt.Seconds); // one hour pack
            await ProductError.AssertFailsAsync(() => As("bob").StopSpeedUpAsync(StopDown(precheck.BandId)),
                "isv.INVALID_PARAMETERS", StatusCode.NotFound);
            var bobsView = await As("bob").QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId }, cancellationToken: Ct);
            Assert.Null(bobsView.Download);
            await ProductError.AssertFailsAsync(
                () => As("bob").OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202001 }),
                "isv.BAND_CHECK_EXPIRE", StatusCode.FailedPrecondition);
            Assert.Equal(SessionState.Active,
                (await As("alice").QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId }, cancellationToken: Ct)).Download.State);
            Assert.Null((await _service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId }, cancellationToken: Ct)).Download); // "demo"
        }
        finally
        {
            await As("alice").StopSpeedUpAsync(StopDown(precheck.BandId), cancellationToken: Ct);
        }

        var alice = await _service.Customers.GetCustomerAsync(new GetCustomerRequest { Id = "alice" }, cancellationToken: Ct);
        Assert.Equal(("99.00", "1.00"), (alice.Balance, alice.Frozen));
    }

    [Fact]
    public async Task Precheck_OfOperatorOrUnsubscribedCustomer_FailsUntilSubscribedAndPaid()
    {
        await ProductError.AssertFailsAsync( // an operator key acts for no customer
            () => _service.ClientAs(_service.OperatorKey).PrecheckAsync(new PrecheckRequest { IpAddress = Ip }),
            "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        await _service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = "carol", Subscribed = false }, cancellationToken: Ct);
        _keys["carol"] = await _service.CreateKeyAsync("carol");
        await ProductError.AssertFailsAsync(
            () => As("carol").PrecheckAsync(new PrecheckRequest { IpAddress = Ip }),
            "isv.PRODUCT_UNSUBSCRIBE", StatusCode.PermissionDenied);

        await _service.Customers.SetSubscriptionAsync(new SetSubscriptionRequest { Id = "carol", Subscribed = true }, cancellationToken: Ct);
        var precheck = await As("carol").PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, cancellationToken: Ct);
        await ProductError.AssertFailsAsync(
            () => As("carol").OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202002 }),
            "isp.LX_CREATE_ORDER_FAILURE", StatusCode.FailedPrecondition); // balance 0
        await _service.Customers.TopUpBalanceAsync(new TopUpBalanceRequest { Id = "carol", Amount = "15.00" }, cancellationToken: Ct);
        var order = await As("carol").OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202002 }, cancellationToken: Ct);
        Assert.Equal("15.00", order.FrozenAmount);
        await ProductError.AssertFailsAsync(
            () => As("carol").OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202001 }),
            "isp.LX_CREATE_ORDER_FAILURE", StatusCode.FailedPrecondition); // order exclusion
    }

    [Fact]
    public async Task StatisticsExportAndBill_OfThisMonth_HoldTheCustomersSpeedUp()
    {
        var precheck = await As("alice").PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, cancellationToken: Ct);
        await As("alice").OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200, cancellationToken: Ct);
        await As("alice").StartSpeedUpAsync(StartDown(precheck.BandId), cancellationToken: Ct);
        await As("alice").StopSpeedUpAsync(StopDown(precheck.BandId), cancellationToken: Ct);

        var stats = await As("alice").GetBusinessStatisticsAsync(new BusinessStatisticsRequest { Period = StatisticsPeriod.ThisMonth }, cancellationToken: Ct);
        var today = _service.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(today, stats.Days[^1].Date);
        Assert.Equal((1L, 1L, 0L, 1.0), (stats.Days.Sum(d => d.Total), stats.Days.Sum(d => d.Successful), stats.Days.Sum(d => d.Failed), stats.Days[^1].SuccessRate));
        var bobs = await As("bob").GetBusinessStatisticsAsync(new BusinessStatisticsRequest { Period = StatisticsPeriod.ThisMonth }, cancellationToken: Ct);
        Assert.Equal(0, bobs.Days.Sum(d => d.Total));

        using var export = As("alice").ExportDetails(new ExportDetailsRequest { Period = StatisticsPeriod.ThisMonth }, cancellationToken: Ct);
        var bytes = new List<byte>();
        await foreach (var chunk in export.ResponseStream.ReadAllAsync(Ct))
        {
            bytes.AddRange(chunk.Data.ToByteArray());
        }

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        var rows = Encoding.UTF8.GetString(bytes.Skip(3).ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,broadband_account,direction,target_bandwidth_mbps,start_time,result,duration_minutes,failure_reason", rows[0]);
        Assert.Matches($"^{today},zj0571a0001,DOWN,200,{today} \\d\\d:\\d\\d:\\d\\d \\+08:00,SUCCESS,[01],$", Assert.Single(rows.Skip(1)));

        var tooLong = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = As("alice").ExportDetails(new ExportDetailsRequest { Period = StatisticsPeriod.Custom, FromDate = "2026-01-01", ToDate = "2026-02-01" }, cancellationToken: Ct);
            await call.ResponseStream.MoveNext(Ct);
        });
        Assert.Equal((StatusCode.InvalidArgument, "isv.INVALID_PARAMETERS"), (tooLong.StatusCode, tooLong.Trailers.GetValue("x-product-code")));
        await ProductError.AssertFailsAsync(
            () => As("alice").GetBusinessStatisticsAsync(new BusinessStatisticsRequest { Period = StatisticsPeriod.Custom, FromDate = "2026-01-01", ToDate = "2026-02-01" }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);

        var month = today[..7];
        var bill = await _service.Customers.GetBillAsync(new GetBillRequest { CustomerId = "alice", Month = month }, cancellationToken: Ct);
        Assert.False(bill.Settled);
        var line = Assert.Single(bill.Lines);
        Assert.Equal(("DOWN", 200, "THIRTY_DAY_PACK", 1L, "15.00"), (line.Direction, line.BandwidthMbps, line.Product, line.Volume, line.UnitPrice));
        await ProductError.AssertFailsAsync(
            () => _service.Customers.RunSettlementAsync(new RunSettlementRequest { Month = month }),
            "isv.INVALID_PARAMETERS", StatusCode.FailedPrecondition); // this month is not over
        Assert.Empty((await _service.Customers.RunSettlementAsync(new RunSettlementRequest { Month = "2025-01" }, cancellationToken: Ct)).Bills);
    }
}
