using System.Text;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.IntegrationTests;

/// <summary>
/// The commercial side over gRPC against the service process: customers named by x-customer-id and kept apart,
/// starts paid by orders, pre-deduction from the balance, retry-safe orders and starts (also across a restart),
/// business statistics and the streamed CSV export, bills.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CommercialEndToEndTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private const string Ip = "202.101.172.35";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-commercial-{Guid.NewGuid():N}.db");
    private ServiceProcess _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await ServiceProcess.StartAsync(networks.Simulators, _database);
        await _service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = "alice", Name = "Alice Games", Subscribed = true, InitialBalance = "100.00" }, cancellationToken: Ct);
        await _service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = "bob", Name = "Bob Live", Subscribed = true, InitialBalance = "100.00" }, cancellationToken: Ct);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    private static Metadata As(string customer) => new() { { "x-customer-id", customer } };

    private static StartSpeedUpRequest StartDown(long bandId, string? requestId = null) => new()
    {
        IpAddress = Ip, BandId = bandId, Direction = Direction.Down, TargetBandwidthMbps = 200, Scene = "game", ClientRequestId = requestId ?? "",
    };

    private static StopSpeedUpRequest StopDown(long bandId) => new() { IpAddress = Ip, BandId = bandId, Direction = Direction.Down };

    [Fact]
    public async Task Customers_are_kept_apart_and_a_start_needs_an_order()
    {
        var client = _service.Client;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, As("alice"), cancellationToken: Ct);
        await ProductError.AssertFailsAsync(() => client.StartSpeedUpAsync(StartDown(precheck.BandId), As("alice")),
            "isv.INVALID_PARAMETERS", StatusCode.FailedPrecondition);
        Assert.Equal(50000, DeviceViews.ReadOverSsh(networks, "zj0571a0001").Down);

        var order = await client.OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202001 }, As("alice"), cancellationToken: Ct);
        Assert.Equal(("1.00", ProductType.HourPack), (order.FrozenAmount, order.Product));
        var started = await client.StartSpeedUpAsync(StartDown(precheck.BandId), As("alice"), cancellationToken: Ct);
        try
        {
            Assert.Equal(3600, started.Status.ExpiresAt.Seconds - started.Status.StartedAt.Seconds); // one hour pack
            await ProductError.AssertFailsAsync(() => client.StopSpeedUpAsync(StopDown(precheck.BandId), As("bob")),
                "isv.INVALID_PARAMETERS", StatusCode.NotFound);
            var bobsView = await client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId }, As("bob"), cancellationToken: Ct);
            Assert.Null(bobsView.Download);
            await ProductError.AssertFailsAsync(
                () => client.OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202001 }, As("bob")),
                "isv.BAND_CHECK_EXPIRE", StatusCode.FailedPrecondition);
            Assert.Equal(SessionState.Active,
                (await client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId }, As("alice"), cancellationToken: Ct)).Download.State);
            Assert.Null((await client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId }, cancellationToken: Ct)).Download); // "demo"
        }
        finally
        {
            await client.StopSpeedUpAsync(StopDown(precheck.BandId), As("alice"), cancellationToken: Ct);
        }

        var alice = await _service.Customers.GetCustomerAsync(new GetCustomerRequest { Id = "alice" }, cancellationToken: Ct);
        Assert.Equal(("99.00", "1.00"), (alice.Balance, alice.Frozen));
    }

    [Fact]
    public async Task Unknown_and_unsubscribed_customers_are_refused()
    {
        await ProductError.AssertFailsAsync(
            () => _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, As("mallory")),
            "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        await _service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = "carol", Subscribed = false }, cancellationToken: Ct);
        await ProductError.AssertFailsAsync(
            () => _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, As("carol")),
            "isv.PRODUCT_UNSUBSCRIBE", StatusCode.PermissionDenied);

        await _service.Customers.SetSubscriptionAsync(new SetSubscriptionRequest { Id = "carol", Subscribed = true }, cancellationToken: Ct);
        var precheck = await _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, As("carol"), cancellationToken: Ct);
        await ProductError.AssertFailsAsync(
            () => _service.Client.OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202002 }, As("carol")),
            "isp.LX_CREATE_ORDER_FAILURE", StatusCode.FailedPrecondition); // balance 0
        await _service.Customers.TopUpBalanceAsync(new TopUpBalanceRequest { Id = "carol", Amount = "15.00" }, cancellationToken: Ct);
        var order = await _service.Client.OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202002 }, As("carol"), cancellationToken: Ct);
        Assert.Equal("15.00", order.FrozenAmount);
        await ProductError.AssertFailsAsync(
            () => _service.Client.OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202001 }, As("carol")),
            "isp.LX_CREATE_ORDER_FAILURE", StatusCode.FailedPrecondition); // order exclusion
    }

    [Fact]
    public async Task Retries_with_a_client_request_id_return_the_first_answer_even_after_a_restart()
    {
        var client = _service.Client;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, As("bob"), cancellationToken: Ct);
        var order = new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202002, ClientRequestId = "bob-order-1" };
        var first = await client.OrderOfferAsync(order, As("bob"), cancellationToken: Ct);
        var start = await client.StartSpeedUpAsync(StartDown(precheck.BandId, "bob-start-1"), As("bob"), cancellationToken: Ct);

        await _service.KillAsync();
        await _service.DisposeAsync();
        _service = await ServiceProcess.StartAsync(networks.Simulators, _database);
        client = _service.Client;

        try
        {
            Assert.Equal(first.OrderId, (await client.OrderOfferAsync(order, As("bob"), cancellationToken: Ct)).OrderId);
            var again = await client.StartSpeedUpAsync(StartDown(precheck.BandId, "bob-start-1"), As("bob"), cancellationToken: Ct);
            Assert.Equal(start.Status.SessionId, again.Status.SessionId);
            await ProductError.AssertFailsAsync(
                () => client.OrderOfferAsync(new OrderOfferRequest(order) { OfferId = 202001 }, As("bob")),
                "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
            await ProductError.AssertFailsAsync(
                () => client.OrderOfferAsync(new OrderOfferRequest(order) { ClientRequestId = "no spaces" }, As("bob")),
                "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
            var bob = await _service.Customers.GetCustomerAsync(new GetCustomerRequest { Id = "bob" }, cancellationToken: Ct);
            Assert.Equal(("85.00", "15.00"), (bob.Balance, bob.Frozen)); // charged once
        }
        finally
        {
            await client.StopSpeedUpAsync(StopDown(precheck.BandId), As("bob"), cancellationToken: Ct);
        }

        Assert.Equal(50000, DeviceViews.ReadOverSsh(networks, "zj0571a0001").Down);
    }

    [Fact]
    public async Task Statistics_export_and_bill_of_this_month()
    {
        var client = _service.Client;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, As("alice"), cancellationToken: Ct);
        await client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200, As("alice"), Ct);
        await client.StartSpeedUpAsync(StartDown(precheck.BandId), As("alice"), cancellationToken: Ct);
        await client.StopSpeedUpAsync(StopDown(precheck.BandId), As("alice"), cancellationToken: Ct);

        var stats = await client.GetBusinessStatisticsAsync(new BusinessStatisticsRequest { Period = StatisticsPeriod.ThisMonth }, As("alice"), cancellationToken: Ct);
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(today, stats.Days[^1].Date);
        Assert.Equal((1L, 1L, 0L, 1.0), (stats.Days.Sum(d => d.Total), stats.Days.Sum(d => d.Successful), stats.Days.Sum(d => d.Failed), stats.Days[^1].SuccessRate));
        var bobs = await client.GetBusinessStatisticsAsync(new BusinessStatisticsRequest { Period = StatisticsPeriod.ThisMonth }, As("bob"), cancellationToken: Ct);
        Assert.Equal(0, bobs.Days.Sum(d => d.Total));

        using var export = client.ExportDetails(new ExportDetailsRequest { Period = StatisticsPeriod.ThisMonth }, As("alice"), cancellationToken: Ct);
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
            using var call = client.ExportDetails(new ExportDetailsRequest { Period = StatisticsPeriod.Custom, FromDate = "2026-01-01", ToDate = "2026-02-01" }, As("alice"), cancellationToken: Ct);
            await call.ResponseStream.MoveNext(Ct);
        });
        Assert.Equal((StatusCode.InvalidArgument, "isv.INVALID_PARAMETERS"), (tooLong.StatusCode, tooLong.Trailers.GetValue("x-product-code")));
        await ProductError.AssertFailsAsync(
            () => client.GetBusinessStatisticsAsync(new BusinessStatisticsRequest { Period = StatisticsPeriod.Custom, FromDate = "2026-01-01", ToDate = "2026-02-01" }, As("alice")),
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
