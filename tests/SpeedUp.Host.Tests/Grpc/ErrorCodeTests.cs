using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Grpc;

/// <summary>Each product error code is reached through gRPC, and bad input changes nothing on any device.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class ErrorCodeTests(SimulatedNetworks networks) : IAsyncLifetime
{
    private const string Invalid = "isv.INVALID_PARAMETERS";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-err-{Guid.NewGuid():N}.db");
    private InProcessService _service = null!;

    public async ValueTask InitializeAsync() => _service = await InProcessService.StartAsync(networks.Simulators, _database);

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    public static TheoryData<string, int> BadPrechecks => new()
    {
        { "", 0 }, { "999.1.1.1", 0 }, { "202.101.172.35\nsystem-view", 0 }, { "202.101.172.35", -1 }, { "202.101.172.35", 70000 },
        { "::1", 0 }, { "8.8.8.8", 0 }, { "127.0.0.1", 0 }, { "202.101.172.035", 0 },
    };

    [Theory]
    [MemberData(nameof(BadPrechecks))]
    public async Task Precheck_WithBadAddressOrPort_FailsWithInvalidParameters(string ip, int port)
    {
        await ProductError.AssertFailsAsync(
            () => _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = ip, Port = port }), Invalid, StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task StartSpeedUp_WithBadDirectionOrBandwidth_FailsWithInvalidParametersAndChangesNothing()
    {
        var client = _service.Client;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "218.30.19.40" });
        var auditBefore = networks.Telecom.State.AuditLog.Count;
        var ratesBefore = DeviceViews.ReadOverSsh(networks, "sn029a0001");
        var good = new StartSpeedUpRequest { IpAddress = "218.30.19.40", BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200 };

        foreach (var bad in new[]
                 {
                     new StartSpeedUpRequest(good) { Direction = Direction.Unspecified },
                     new StartSpeedUpRequest(good) { Direction = (Direction)7 },
                     new StartSpeedUpRequest(good) { TargetBandwidthMbps = -200 },
                     new StartSpeedUpRequest(good) { TargetBandwidthMbps = 0 },
                     new StartSpeedUpRequest(good) { TargetBandwidthMbps = 501 },
                     new StartSpeedUpRequest(good) { TargetBandwidthMbps = 150 },
                     new StartSpeedUpRequest(good) { Direction = Direction.Up, TargetBandwidthMbps = 200 },
                     new StartSpeedUpRequest(good) { BandId = -1 },
                     new StartSpeedUpRequest(good) { Port = 65536 },
                     new StartSpeedUpRequest(good) { IpAddress = "218.30.19.41" },
                     new StartSpeedUpRequest(good) { Scene = "x\r\nreturn" },
                     new StartSpeedUpRequest(good) { DurationMinutes = 241 },
                 })
        {
            await ProductError.AssertFailsAsync(() => client.StartSpeedUpAsync(bad), Invalid, StatusCode.InvalidArgument);
        }

        await ProductError.AssertFailsAsync(
            () => client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = "218.30.19.40", BandId = precheck.BandId, Direction = Direction.Unspecified }),
            Invalid, StatusCode.InvalidArgument);
        await ProductError.AssertFailsAsync(
            () => client.QueryStatusAsync(new QueryStatusRequest { BandId = 0 }), Invalid, StatusCode.InvalidArgument);

        Assert.Equal(auditBefore, networks.Telecom.State.AuditLog.Count);
        Assert.Equal(ratesBefore, DeviceViews.ReadOverSsh(networks, "sn029a0001"));
    }

    [Fact]
    public async Task StartSpeedUp_WithoutPrecheck_FailsWithBandCheckExpire()
    {
        await ProductError.AssertFailsAsync(
            () => _service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = "222.172.200.69", BandId = 353000002, Direction = Direction.Down, TargetBandwidthMbps = 100,
            }),
            "isv.BAND_CHECK_EXPIRE", StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task Precheck_OfLineThatCannotBeSpedUp_AnswersBandUnsupportedWithNoOffers()
    {
        var notPermitted = await _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "61.139.2.70" });
        Assert.Equal("isv.BAND_UNSURPOT_SPEEDUP", notPermitted.Code);
        Assert.Empty(notPermitted.Offers);
        Assert.Equal(351000002, notPermitted.BandId);

        var capped = await _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "218.30.19.41" });
        Assert.Equal("isv.BAND_UNSURPOT_SPEEDUP", capped.Code);
        Assert.Empty(capped.Offers);

        await ProductError.AssertFailsAsync(
            () => _service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = "61.139.2.70", BandId = 351000002, Direction = Direction.Down, TargetBandwidthMbps = 200,
            }),
            "isv.BAND_UNSURPOT_SPEEDUP", StatusCode.FailedPrecondition);

        await ProductError.AssertFailsAsync(
            () => _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.96.128.86" }),
            "isv.BAND_UNSURPOT_SPEEDUP", StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task OrderOffer_NotOfferedForTheLine_FailsWithOrderFailure()
    {
        var precheck = await _service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "222.172.200.68" });
        Assert.DoesNotContain(precheck.Offers, o => o.BandwidthMbps == 200); // Yunnan: 100 Mbps down only

        await ProductError.AssertFailsAsync(
            () => _service.Client.OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = 202001 }),
            "isp.LX_CREATE_ORDER_FAILURE", StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task StartSpeedUp_SecondInSameDirection_FailsWithAlreadyExists()
    {
        var client = _service.Client;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "119.6.6.7" });
        var start = new StartSpeedUpRequest { IpAddress = "119.6.6.7", BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200 };
        await client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200);
        await client.StartSpeedUpAsync(start);
        try
        {
            await ProductError.AssertFailsAsync(() => client.StartSpeedUpAsync(start), Invalid, StatusCode.AlreadyExists);
        }
        finally
        {
            await client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = "119.6.6.7", BandId = precheck.BandId, Direction = Direction.Down });
        }
    }
}
