using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Sessions;

/// <summary>
/// <c>ExtendSpeedUp</c> through the signed API on the simulators, on the service's fake clock: the due time, the expiry
/// sweep and metering follow an extension; the 4 h cap and the orders' minutes bound it; refusals change nothing;
/// retries with a client request id extend once; an extension and a stop of one line take turns.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class ExtendSpeedUpTests(SimulatedNetworks networks)
{
    private const string Address = "202.101.172.36"; // Telecom Zhejiang, zj0571a0002, up 8 Mbps

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-extend-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Extend_ActiveSession_MovesTheDueTime_TheSweepAndMeteringFollow()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Direction.Up);
        var (bandId, started) = await StartOnThirtyDayPackAsync(service, minutes: 60);
        var firstDue = started.Status.ExpiresAt.ToDateTimeOffset();

        var extended = await service.Client.ExtendSpeedUpAsync(Extend(bandId, 30));

        Assert.Equal(("OK", true), (extended.Code, extended.Success));
        Assert.Equal(firstDue.AddMinutes(30), extended.Status.ExpiresAt.ToDateTimeOffset());
        service.Time.Advance(firstDue - service.Time.GetUtcNow() + TimeSpan.FromSeconds(5)); // past the old due time
        Assert.Equal(SessionState.Active, (await StatusAsync(service, bandId)).State);
        Assert.Equal(20000, DeviceViews.ReadOverSsh(networks, "zj0571a0002").Up);

        service.Time.Advance(TimeSpan.FromMinutes(30)); // past the new one
        var ended = await Eventually.ValueAsync(() => StatusAsync(service, bandId), s => s.State == SessionState.Ended, "The extended session did not end.");
        Assert.Equal(EndReason.Expired, ended.EndReason);
        Assert.Equal(90, ended.MeteredMinutes);
        Assert.Equal(8000, DeviceViews.ReadOverSsh(networks, "zj0571a0002").Up);
    }

    [Fact]
    public async Task Extend_BeyondTheFourHourCap_IsRefusedAndChangesNothing()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Direction.Up);
        var (bandId, started) = await StartOnThirtyDayPackAsync(service, minutes: 200);

        await ProductError.AssertFailsAsync(() => service.Client.ExtendSpeedUpAsync(Extend(bandId, 41)), "isv.INVALID_PARAMETERS", StatusCode.FailedPrecondition);
        Assert.Equal(started.Status.ExpiresAt, (await StatusAsync(service, bandId)).ExpiresAt);

        var extended = await service.Client.ExtendSpeedUpAsync(Extend(bandId, 40)); // exactly 4 h
        Assert.Equal(TimeSpan.FromHours(4), extended.Status.ExpiresAt.ToDateTimeOffset() - extended.Status.StartedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task Extend_OnHourPacks_DrawsTheMinutesLeft_AndIsRefusedWithoutThem()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Direction.Up);
        var bandId = await PrecheckAsync(service);
        await OrderHourPackAsync(service, bandId);
        await StartAsync(service, bandId, minutes: 40);

        var first = await service.Client.ExtendSpeedUpAsync(Extend(bandId, 20)); // the pack's last 20 minutes
        Assert.Equal(TimeSpan.FromMinutes(60), first.Status.ExpiresAt.ToDateTimeOffset() - first.Status.StartedAt.ToDateTimeOffset());
        await ProductError.AssertFailsAsync(() => service.Client.ExtendSpeedUpAsync(Extend(bandId, 1)), "isv.INVALID_PARAMETERS", StatusCode.FailedPrecondition);

        await OrderHourPackAsync(service, bandId);
        await service.Client.ExtendSpeedUpAsync(Extend(bandId, 45));
        await ProductError.AssertFailsAsync(() => service.Client.ExtendSpeedUpAsync(Extend(bandId, 16)), "isv.INVALID_PARAMETERS", StatusCode.FailedPrecondition);
        var last = await service.Client.ExtendSpeedUpAsync(Extend(bandId, 15)); // the second pack's last 15
        Assert.Equal(TimeSpan.FromMinutes(120), last.Status.ExpiresAt.ToDateTimeOffset() - last.Status.StartedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task Extend_WithClientRequestId_RetriedExtendsOnce_AndADifferentBodyIsRefused()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Direction.Up);
        var (bandId, started) = await StartOnThirtyDayPackAsync(service, minutes: 60);
        var request = Extend(bandId, 30);
        request.ClientRequestId = "ext-1";

        var first = await service.Client.ExtendSpeedUpAsync(request);
        var retry = await service.Client.ExtendSpeedUpAsync(request);

        Assert.Equal(started.Status.ExpiresAt.ToDateTimeOffset().AddMinutes(30), retry.Status.ExpiresAt.ToDateTimeOffset());
        Assert.Equal(first.Status.ExpiresAt, retry.Status.ExpiresAt);
        request.AdditionalMinutes = 31;
        await ProductError.AssertFailsAsync(() => service.Client.ExtendSpeedUpAsync(request), "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        Assert.Equal(first.Status.ExpiresAt, (await StatusAsync(service, bandId)).ExpiresAt);
    }

    [Fact]
    public async Task Extend_WithBadInput_OrNoActiveSession_FailsWithTheProductCode()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Direction.Up);
        var bandId = await PrecheckAsync(service);

        await ProductError.AssertFailsAsync(() => service.Client.ExtendSpeedUpAsync(Extend(bandId, 0)), "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        await ProductError.AssertFailsAsync(() => service.Client.ExtendSpeedUpAsync(Extend(bandId, 241)), "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
        await ProductError.AssertFailsAsync(() => service.Client.ExtendSpeedUpAsync(Extend(bandId, 10)), "isv.INVALID_PARAMETERS", StatusCode.NotFound);
        var wrongAddress = Extend(bandId, 10);
        wrongAddress.IpAddress = "202.101.172.300";
        await ProductError.AssertFailsAsync(() => service.Client.ExtendSpeedUpAsync(wrongAddress), "isv.INVALID_PARAMETERS", StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task ExtendAndStop_OfOneLineAtOnce_TakeTurns_AndTheLineIsRestored()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        await using var line = new LineRestorer(service.Client, Address, Direction.Up);
        var (bandId, started) = await StartOnThirtyDayPackAsync(service, minutes: 60);

        var extend = service.Client.ExtendSpeedUpAsync(Extend(bandId, 30)).ResponseAsync;
        var stop = service.Client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = Address, BandId = bandId, Direction = Direction.Up }).ResponseAsync;
        var stopped = await stop;
        var extendError = await Record.ExceptionAsync(() => extend);

        Assert.Equal(SessionState.Ended, stopped.Status.State);
        var final = await StatusAsync(service, bandId);
        Assert.Equal((SessionState.Ended, EndReason.Stopped), (final.State, final.EndReason));
        if (extendError is null)
        {
            // The extension went first: the session that was stopped is the extended one.
            Assert.Equal(started.Status.ExpiresAt.ToDateTimeOffset().AddMinutes(30), final.ExpiresAt.ToDateTimeOffset());
        }
        else
        {
            // The stop went first: nothing was left to extend, and the due time is the first one.
            Assert.Equal(StatusCode.NotFound, Assert.IsType<RpcException>(extendError).StatusCode);
            Assert.Equal(started.Status.ExpiresAt, final.ExpiresAt);
        }

        Assert.Equal(8000, DeviceViews.ReadOverSsh(networks, "zj0571a0002").Up);
    }

    /// <summary>Pre-checks the line, orders its up-20 30-day pack and starts a session of <paramref name="minutes"/>.</summary>
    private static async Task<(long BandId, StartSpeedUpResponse Started)> StartOnThirtyDayPackAsync(InProcessService service, int minutes)
    {
        var bandId = await PrecheckAsync(service);
        await service.Client.OrderThirtyDayPackAsync(bandId, Direction.Up, 20);
        return (bandId, await StartAsync(service, bandId, minutes));
    }

    private static async Task<long> PrecheckAsync(InProcessService service) =>
        (await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = Address })).BandId;

    private static Task<OrderOfferResponse> OrderHourPackAsync(InProcessService service, long bandId) =>
        service.Client.OrderOfferAsync(new OrderOfferRequest { BandId = bandId, OfferId = Ordering.OfferId(Direction.Up, 20, ProductType.HourPack) }).ResponseAsync;

    private static Task<StartSpeedUpResponse> StartAsync(InProcessService service, long bandId, int minutes) =>
        service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = Address, BandId = bandId, Direction = Direction.Up, TargetBandwidthMbps = 20, DurationMinutes = minutes,
        }).ResponseAsync;

    private static ExtendSpeedUpRequest Extend(long bandId, int minutes) =>
        new() { IpAddress = Address, BandId = bandId, Direction = Direction.Up, AdditionalMinutes = minutes };

    private static async Task<DirectionStatus> StatusAsync(InProcessService service, long bandId) =>
        (await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandId })).Upload;
}
