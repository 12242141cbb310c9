using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Grpc;

/// <summary>
/// ListOffers and GetProductCatalogue (what the product sells, without a pre-check) and FindSessions (a customer's
/// sessions of the line at an address) over gRPC against the service in process: signed, granted per action, tenant-isolated.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class OffersAndLookupTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private const string Ip = "202.101.172.35";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-offers-{Guid.NewGuid():N}.db");
    private Dictionary<string, SpeedUp.Signing.AccessKeyCredentials> _keys = [];
    private InProcessService _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _service = await InProcessService.StartAsync(networks.Simulators, _database);
        _keys = await TwoCustomers.CreateAsync(_service, Ct);
    }

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    private SpeedUpService.SpeedUpServiceClient As(string customer) => _service.ClientAs(_keys[customer]);

    [Fact]
    public async Task ListOffers_TelecomZhejiang_ListsEveryTierAsBothPacksWithListPricesWithoutTouchingTheDevice()
    {
        var auditFrom = networks.Telecom.State.AuditLog.Count;

        var offers = await As("alice").ListOffersAsync(new ListOffersRequest { Carrier = "ChinaTelecom", Province = "Zhejiang" }, cancellationToken: Ct);

        Assert.Equal(("OK", "ChinaTelecom", "Zhejiang"), (offers.Code, offers.Carrier, offers.Province));
        Assert.Equal([100101L, 100102, 100201, 100202, 201001, 201002, 202001, 202002], offers.Offers.Select(o => o.Offer.OfferId));
        Assert.Equal(["1.50", "33.00", "1.50", "33.00", "1.00", "15.00", "1.00", "15.00"], offers.Offers.Select(o => o.ListPrice));
        Assert.Equal([1L, 9999, 1, 9999, 1, 9999, 1, 9999], offers.Offers.Select(o => o.Offer.DurationHours));
        Assert.Equal(auditFrom, networks.Telecom.State.AuditLog.Count);
    }

    [Fact]
    public async Task ListOffers_ProvinceWithoutTheProduct_AnswersBandUnsupportedWithNoOffers()
    {
        var offers = await As("alice").ListOffersAsync(new ListOffersRequest { Carrier = "ChinaTelecom", Province = "Guangdong" }, cancellationToken: Ct);

        Assert.Equal("isv.BAND_UNSURPOT_SPEEDUP", offers.Code);
        Assert.Empty(offers.Offers);
    }

    [Theory]
    [InlineData("ChinaMobile", "Zhejiang")]
    [InlineData("ChinaTelecom", "Narnia")]
    [InlineData("", "")]
    public async Task ListOffers_UnknownCarrierOrProvince_IsInvalidParameters(string carrier, string province) =>
        await ProductError.AssertFailsAsync(
            () => As("alice").ListOffersAsync(new ListOffersRequest { Carrier = carrier, Province = province }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);

    [Fact]
    public async Task GetProductCatalogue_IsTheTiersOfBothCarriersAndOnePriceTablePerDirectionAndPack()
    {
        var catalogue = await As("bob").GetProductCatalogueAsync(new GetProductCatalogueRequest(), cancellationToken: Ct);

        Assert.Equal("OK", catalogue.Code);
        var down200 = Assert.Single(catalogue.Tiers, t => t.Carrier == "ChinaTelecom" && t.Direction == Direction.Down && t.BandwidthMbps == 200);
        Assert.Equal(26, down200.Provinces.Count);
        Assert.DoesNotContain("Yunnan", down200.Provinces);
        Assert.Contains(catalogue.Tiers, t => t.Carrier == "ChinaUnicom");
        Assert.Equal(
            [(Direction.Up, ProductType.HourPack, 20), (Direction.Up, ProductType.ThirtyDayPack, 20),
             (Direction.Down, ProductType.HourPack, 200), (Direction.Down, ProductType.ThirtyDayPack, 200)],
            catalogue.PriceTables.Select(t => (t.Direction, t.Product, t.MaxBandwidthMbps)));
        var down200Hour = catalogue.PriceTables[2];
        Assert.Equal([(0L, "1.00"), (100_000L, "0.80"), (200_000L, "0.70")], down200Hour.VolumePrices.Select(v => (v.MinVolume, v.UnitPrice)));
        Assert.Equal(9999, catalogue.PriceTables[3].DurationHours);
    }

    [Fact]
    public async Task FindSessions_ByAddress_ListsTheCustomersSessionsLatestFirstAndNoOneElses()
    {
        var precheck = await As("alice").PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, cancellationToken: Ct);
        await As("alice").OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202001 }, cancellationToken: Ct);
        var started = await As("alice").StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = Ip, BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200, DurationMinutes = 10,
        }, cancellationToken: Ct);
        try
        {
            var found = await As("alice").FindSessionsAsync(new FindSessionsRequest { IpAddress = Ip }, cancellationToken: Ct);
            Assert.Equal(("OK", precheck.BandId), (found.Code, found.BandId));
            var session = Assert.Single(found.Sessions);
            Assert.Equal((started.Status.SessionId, SessionState.Active, 200), (session.SessionId, session.State, session.TargetBandwidthMbps));

            var bobs = await As("bob").FindSessionsAsync(new FindSessionsRequest { IpAddress = Ip }, cancellationToken: Ct);
            Assert.Equal((0L, 0), (bobs.BandId, bobs.Sessions.Count));
        }
        finally
        {
            await As("alice").StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = Ip, BandId = precheck.BandId, Direction = Direction.Down }, cancellationToken: Ct);
        }

        var afterStop = await As("alice").FindSessionsAsync(new FindSessionsRequest { IpAddress = Ip, Limit = 5 }, cancellationToken: Ct);
        Assert.Equal(SessionState.Ended, Assert.Single(afterStop.Sessions).State);
        await ProductError.AssertFailsAsync(
            () => As("alice").FindSessionsAsync(new FindSessionsRequest { IpAddress = Ip, Limit = 1000 }),
            "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task NewRpcs_AreActionsOfTheirOwn_GrantedOneByOne()
    {
        var onlyOffers = await _service.CreateKeyAsync("alice", "SpeedUpService/ListOffers");
        var client = _service.ClientAs(onlyOffers);

        Assert.Equal("OK", (await client.ListOffersAsync(new ListOffersRequest { Carrier = "ChinaTelecom", Province = "Zhejiang" }, cancellationToken: Ct)).Code);
        await ProductError.AssertFailsAsync(() => client.FindSessionsAsync(new FindSessionsRequest { IpAddress = Ip }),
            "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync(() => client.GetProductCatalogueAsync(new GetProductCatalogueRequest()),
            "isp.RAM_PERMISSION_DENY", StatusCode.PermissionDenied);
        await ProductError.AssertFailsAsync( // unsigned
            () => new SpeedUpService.SpeedUpServiceClient(_service.Channel).GetProductCatalogueAsync(new GetProductCatalogueRequest()),
            "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);
    }
}
