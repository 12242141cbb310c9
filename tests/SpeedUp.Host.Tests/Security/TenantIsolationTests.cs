using System.Text;
using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Signing;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Security;

/// <summary>
/// Tenant isolation across every RPC of <c>broadband.speedup.v1.SpeedUpService</c>: customer B, calling with its own key on
/// customer A's band id, pre-check, order and session ids and client request ids, can neither see, stop, query nor use
/// anything of A's; A's session stays as it was on the device; each customer's statistics and export hold only its own
/// rows. An operator key cannot act as a customer and a customer key cannot reach the admin APIs.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class TenantIsolationTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private const string A = "iso-alpha";
    private const string B = "iso-bravo";
    private const string IpA = "202.101.172.35"; // band 330100001, zj0571a0001: 4 up / 50 down
    private const string AccountA = "zj0571a0001";
    private const string IpB = "202.101.172.36"; // band 330100002, zj0571a0002: 8 up / 100 down
    private const string AccountB = "zj0571a0002";

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-isolation-{Guid.NewGuid():N}.db");
    private InProcessService _service = null!;
    private AccessKeyCredentials _keyA = null!;
    private AccessKeyCredentials _keyB = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SpeedUpService.SpeedUpServiceClient ClientA => _service.ClientAs(_keyA);

    private SpeedUpService.SpeedUpServiceClient ClientB => _service.ClientAs(_keyB);

    public async ValueTask InitializeAsync()
    {
        _service = await InProcessService.StartAsync(networks.Simulators, _database, cancellationToken: Ct);
        await _service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = A, Name = "Alpha Games", Subscribed = true, InitialBalance = "100.00" }, cancellationToken: Ct);
        await _service.Customers.CreateCustomerAsync(new CreateCustomerRequest { Id = B, Name = "Bravo Live", Subscribed = true, InitialBalance = "100.00" }, cancellationToken: Ct);
        _keyA = await _service.CreateKeyAsync(A);
        _keyB = await _service.CreateKeyAsync(B);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task AllRpcs_OfAnotherCustomer_NeitherSeeStopQueryNorUseACustomersPrecheckOrderSessionOrStatistics()
    {
        // A: pre-check, a 30-day pack and a start, both with client request ids.
        var precheckA = await ClientA.PrecheckAsync(new PrecheckRequest { IpAddress = IpA }, cancellationToken: Ct);
        Assert.Equal(("OK", 50), (precheckA.Code, precheckA.DownloadBandwidthMbps));
        var band = precheckA.BandId;
        var orderRequest = new OrderOfferRequest { BandId = band, OfferId = Ordering.OfferId(Direction.Down, 200, ProductType.ThirtyDayPack), ClientRequestId = "iso-order-1" };
        var startRequest = new StartSpeedUpRequest
        {
            IpAddress = IpA, BandId = band, Direction = Direction.Down, TargetBandwidthMbps = 200, Scene = "game", ClientRequestId = "iso-start-1",
        };
        var stopA = new StopSpeedUpRequest { IpAddress = IpA, BandId = band, Direction = Direction.Down };
        var orderA = await ClientA.OrderOfferAsync(orderRequest, cancellationToken: Ct);
        var startedA = await ClientA.StartSpeedUpAsync(startRequest, cancellationToken: Ct);
        long bandB = 0;
        try
        {
            Assert.Equal(SessionState.Active, startedA.Status.State);
            Assert.Equal(200000, DeviceViews.ReadOverSsh(networks, AccountA).Down);
            var statusA = Comparable((await ClientA.QueryStatusAsync(new QueryStatusRequest { BandId = band }, cancellationToken: Ct)).Download);

            // B, with no pre-check of its own: A's pre-check counts for nothing, for a plain call or a retry of A's request ids.
            await ProductError.AssertFailsAsync(() => ClientB.OrderOfferAsync(orderRequest), "isv.BAND_CHECK_EXPIRE", StatusCode.FailedPrecondition);
            await ProductError.AssertFailsAsync(() => ClientB.OrderOfferAsync(new OrderOfferRequest(orderRequest) { ClientRequestId = "" }),
                "isv.BAND_CHECK_EXPIRE", StatusCode.FailedPrecondition);
            await ProductError.AssertFailsAsync(() => ClientB.StartSpeedUpAsync(startRequest), "isv.BAND_CHECK_EXPIRE", StatusCode.FailedPrecondition);
            await ProductError.AssertFailsAsync(() => ClientB.StartSpeedUpAsync(new StartSpeedUpRequest(startRequest) { ClientRequestId = "" }),
                "isv.BAND_CHECK_EXPIRE", StatusCode.FailedPrecondition);

            // Stop: A's session is none of B's, in either direction and whatever the address.
            await ProductError.AssertFailsAsync(() => ClientB.StopSpeedUpAsync(stopA), "isv.INVALID_PARAMETERS", StatusCode.NotFound);
            await ProductError.AssertFailsAsync(() => ClientB.StopSpeedUpAsync(new StopSpeedUpRequest(stopA) { Direction = Direction.Up }),
                "isv.INVALID_PARAMETERS", StatusCode.NotFound);
            await ProductError.AssertFailsAsync(() => ClientB.StopSpeedUpAsync(new StopSpeedUpRequest(stopA) { IpAddress = IpB }),
                "isv.INVALID_PARAMETERS", StatusCode.NotFound);

            // QueryStatus: nothing on A's line.
            var seenByB = await ClientB.QueryStatusAsync(new QueryStatusRequest { BandId = band }, cancellationToken: Ct);
            Assert.Equal(("OK", band), (seenByB.Code, seenByB.BandId));
            Assert.Null(seenByB.Download);
            Assert.Null(seenByB.Upload);

            // Precheck: B gets its own pre-check of the line, which shows the line as A found it, not A's speed-up.
            var precheckB = await ClientB.PrecheckAsync(new PrecheckRequest { IpAddress = IpA }, cancellationToken: Ct);
            Assert.Equal(("OK", band), (precheckB.Code, precheckB.BandId));
            Assert.Equal((precheckA.UploadBandwidthMbps, precheckA.DownloadBandwidthMbps), (precheckB.UploadBandwidthMbps, precheckB.DownloadBandwidthMbps));
            Assert.Equal(precheckA.Offers, precheckB.Offers);

            // With its own pre-check, B's retries of A's request ids are B's own requests: a new order paid by B, and a
            // start refused by the line's use exclusion without naming A's session.
            var orderB = await ClientB.OrderOfferAsync(orderRequest, cancellationToken: Ct);
            Assert.NotEqual(orderA.OrderId, orderB.OrderId);
            Assert.Equal(orderB.OrderId, (await ClientB.OrderOfferAsync(orderRequest, cancellationToken: Ct)).OrderId); // B's retry: B's order
            Assert.Equal(orderA.OrderId, (await ClientA.OrderOfferAsync(orderRequest, cancellationToken: Ct)).OrderId); // A's retry: still A's
            var exclusion = await ProductError.AssertFailsAsync(() => ClientB.StartSpeedUpAsync(startRequest), "isv.INVALID_PARAMETERS", StatusCode.AlreadyExists);
            Assert.DoesNotContain(startedA.Status.SessionId, exclusion.Status.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("200 Mbps", exclusion.Status.Detail, StringComparison.Ordinal);
            await ProductError.AssertFailsAsync(() => ClientB.StopSpeedUpAsync(stopA), "isv.INVALID_PARAMETERS", StatusCode.NotFound);
            Assert.Null((await ClientB.QueryStatusAsync(new QueryStatusRequest { BandId = band }, cancellationToken: Ct)).Download);
            Assert.Equal(startedA.Status.SessionId, (await ClientA.StartSpeedUpAsync(startRequest, cancellationToken: Ct)).Status.SessionId); // A's retry

            // B's own speed-up on another line, so that both customers have statistics.
            var precheckOwn = await ClientB.PrecheckAsync(new PrecheckRequest { IpAddress = IpB }, cancellationToken: Ct);
            bandB = precheckOwn.BandId;
            await ClientB.OrderOfferAsync(new OrderOfferRequest { BandId = bandB, OfferId = Ordering.OfferId(Direction.Down, 200, ProductType.HourPack) }, cancellationToken: Ct);
            var startedB = await ClientB.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = IpB, BandId = bandB, Direction = Direction.Down, TargetBandwidthMbps = 200, Scene = "live",
            }, cancellationToken: Ct);
            Assert.Equal(SessionState.Active, startedB.Status.State);
            Assert.Null((await ClientA.QueryStatusAsync(new QueryStatusRequest { BandId = bandB }, cancellationToken: Ct)).Download);
            await ProductError.AssertFailsAsync(() => ClientA.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = IpB, BandId = bandB, Direction = Direction.Down }),
                "isv.INVALID_PARAMETERS", StatusCode.NotFound);

            // A's session went through all of it untouched, in the journal and on the device.
            Assert.Equal(statusA, Comparable((await ClientA.QueryStatusAsync(new QueryStatusRequest { BandId = band }, cancellationToken: Ct)).Download));
            Assert.Equal(200000, DeviceViews.ReadOverSsh(networks, AccountA).Down);
            Assert.Equal(200000, DeviceViews.ReadOverSsh(networks, AccountB).Down);
        }
        finally
        {
            await StopQuietlyAsync(ClientA, stopA);
            if (bandB != 0)
            {
                await StopQuietlyAsync(ClientB, new StopSpeedUpRequest { IpAddress = IpB, BandId = bandB, Direction = Direction.Down });
            }
        }

        Assert.Equal(50000, DeviceViews.ReadOverSsh(networks, AccountA).Down);
        Assert.Equal(100000, DeviceViews.ReadOverSsh(networks, AccountB).Down);
        var endedA = (await ClientA.QueryStatusAsync(new QueryStatusRequest { BandId = band }, cancellationToken: Ct)).Download;
        Assert.Equal((startedA.Status.SessionId, SessionState.Ended, EndReason.Stopped), (endedA.SessionId, endedA.State, endedA.EndReason));

        // Statistics and export: each customer's own speed-up only (B's refused start on A's line was never journalled).
        foreach (var (client, own, other) in new[] { (ClientA, AccountA, AccountB), (ClientB, AccountB, AccountA) })
        {
            var stats = await client.GetBusinessStatisticsAsync(new BusinessStatisticsRequest { Period = StatisticsPeriod.ThisMonth }, cancellationToken: Ct);
            Assert.Equal((1L, 1L, 0L), (stats.Days.Sum(d => d.Total), stats.Days.Sum(d => d.Successful), stats.Days.Sum(d => d.Failed)));
            var rows = await ExportRowsAsync(client);
            Assert.StartsWith($"{own},DOWN,200,", Assert.Single(rows).Split(',', 2)[1], StringComparison.Ordinal);
            Assert.DoesNotContain(rows, r => r.Contains(other, StringComparison.Ordinal));
        }

        // Balances: each customer paid for its own orders only (A 15.00; B 15.00 on A's line + 1.00 on its own).
        var alpha = await _service.Customers.GetCustomerAsync(new GetCustomerRequest { Id = A }, cancellationToken: Ct);
        var bravo = await _service.Customers.GetCustomerAsync(new GetCustomerRequest { Id = B }, cancellationToken: Ct);
        Assert.Equal(("85.00", "15.00"), (alpha.Balance, alpha.Frozen));
        Assert.Equal(("84.00", "16.00"), (bravo.Balance, bravo.Frozen));
    }

    [Fact]
    public async Task AllRpcs_WithOperatorKey_FailWithPermissionDenied()
    {
        var client = _service.ClientAs(_service.OperatorKey);
        const string deny = "isp.RAM_PERMISSION_DENY";
        await ProductError.AssertFailsAsync(() => client.PrecheckAsync(new PrecheckRequest { IpAddress = IpA }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => client.OrderOfferAsync(new OrderOfferRequest { BandId = 330100001, OfferId = 202001 }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = IpA, BandId = 330100001, Direction = Direction.Down, TargetBandwidthMbps = 200,
        }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = IpA, BandId = 330100001, Direction = Direction.Down }),
            deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => client.QueryStatusAsync(new QueryStatusRequest { BandId = 330100001 }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => client.GetBusinessStatisticsAsync(new BusinessStatisticsRequest { Period = StatisticsPeriod.ThisMonth }),
            deny, StatusCode.PermissionDenied);
        var export = await Assert.ThrowsAsync<RpcException>(() => ExportRowsAsync(client));
        Assert.Equal((StatusCode.PermissionDenied, deny), (export.StatusCode, export.Trailers.GetValue("x-product-code")));
        Assert.Equal(50000, DeviceViews.ReadOverSsh(networks, AccountA).Down);
    }

    [Fact]
    public async Task AdminApis_WithCustomerKey_FailWithPermissionDeniedEvenForItsOwnCustomer()
    {
        var signed = _service.SignedBy(_keyA);
        var customers = new CustomerAdmin.CustomerAdminClient(signed);
        var keys = new AccessKeyAdmin.AccessKeyAdminClient(signed);
        var channels = new ChannelAdmin.ChannelAdminClient(signed);
        var webhooks = new WebhookAdmin.WebhookAdminClient(signed);
        const string deny = "isp.RAM_PERMISSION_DENY";

        await ProductError.AssertFailsAsync(() => customers.GetCustomerAsync(new GetCustomerRequest { Id = A }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => customers.GetCustomerAsync(new GetCustomerRequest { Id = B }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => customers.TopUpBalanceAsync(new TopUpBalanceRequest { Id = A, Amount = "1000.00" }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => customers.GetBillAsync(new GetBillRequest { CustomerId = A, Month = "2026-01" }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => keys.ListAccessKeysAsync(new ListAccessKeysRequest { CustomerId = A }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => keys.ListAccessKeysAsync(new ListAccessKeysRequest()), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => keys.CreateAccessKeyAsync(new CreateAccessKeyRequest { CustomerId = A, Actions = { "*" } }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => channels.ListChannelsAsync(new ListChannelsRequest()), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => webhooks.ListWebhookSinksAsync(new ListWebhookSinksRequest { CustomerId = A }), deny, StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => webhooks.CreateWebhookSinkAsync(new CreateWebhookSinkRequest { CustomerId = A, Url = "https://127.0.0.1/x" }),
            deny, StatusCode.PermissionDenied);

        // Nothing changed: the balance is as created and A still has exactly its one key.
        var alpha = await _service.Customers.GetCustomerAsync(new GetCustomerRequest { Id = A }, cancellationToken: Ct);
        Assert.Equal(("100.00", "0.00"), (alpha.Balance, alpha.Frozen));
        Assert.Equal(_keyA.AccessKeyId, Assert.Single((await _service.Keys.ListAccessKeysAsync(new ListAccessKeysRequest { CustomerId = A }, cancellationToken: Ct)).Keys).AccessKeyId);
    }

    /// <summary>A session status without the part that moves with the clock (metered minutes).</summary>
    private static DirectionStatus Comparable(DirectionStatus status) => new(status) { MeteredMinutes = 0 };

    private static async Task StopQuietlyAsync(SpeedUpService.SpeedUpServiceClient client, StopSpeedUpRequest stop)
    {
        try
        {
            await client.StopSpeedUpAsync(stop, cancellationToken: CancellationToken.None);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // Already stopped (or never started).
        }
    }

    /// <summary>The data rows of the customer's detail export of this month (header checked and left out).</summary>
    private static async Task<string[]> ExportRowsAsync(SpeedUpService.SpeedUpServiceClient client)
    {
        using var export = client.ExportDetails(new ExportDetailsRequest { Period = StatisticsPeriod.ThisMonth }, cancellationToken: Ct);
        var bytes = new List<byte>();
        await foreach (var chunk in export.ResponseStream.ReadAllAsync(Ct))
        {
            bytes.AddRange(chunk.Data.ToByteArray());
        }

        var lines = Encoding.UTF8.GetString(bytes.Skip(3).ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("date,broadband_account,", lines[0], StringComparison.Ordinal);
        return lines[1..];
    }
}
