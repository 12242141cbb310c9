using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Sessions;

/// <summary>
/// Sessions end by themselves at their due time and pre-checks expire, on the service's (fake) clock with the shipped
/// durations: the clock is advanced, nothing sleeps. (A session due while the service was down: tests/SpeedUp.EndToEndTests.)
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class SessionLifetimeTests(SimulatedNetworks networks)
{
    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-life-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Sweep_AtSessionDueTime_EndsTheSessionAndRestoresTheRate()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.36" });
        await service.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Up, 20);
        var started = await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = "202.101.172.36", BandId = precheck.BandId, Direction = Direction.Up, TargetBandwidthMbps = 20,
        });
        Assert.Equal(20000, DeviceViews.ReadOverSsh(networks, "zj0571a0002").Up);
        var due = started.Status.ExpiresAt.ToDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(4), due - started.Status.StartedAt.ToDateTimeOffset()); // SpeedUp:Sessions:DefaultDuration

        service.Time.Advance(due - service.Time.GetUtcNow() - TimeSpan.FromSeconds(2)); // sweeps run, too early for this one
        Assert.Equal(SessionState.Active, (await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId })).Upload.State);

        service.Time.Advance(TimeSpan.FromSeconds(3)); // past the due time: the next sweep (every second) ends it
        var status = await WaitForEndAsync(service, precheck.BandId, s => s.Upload);

        Assert.Equal(EndReason.Expired, status.EndReason);
        Assert.Equal(8000, DeviceViews.ReadOverSsh(networks, "zj0571a0002").Up);
    }

    [Fact]
    public async Task StartSpeedUp_AfterPrecheckExpired_FailsWithBandCheckExpire()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase());
        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.102.152.3" });
        service.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1)); // SpeedUp:Precheck:ValidFor

        await ProductError.AssertFailsAsync(
            () => service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = "202.102.152.3", BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 100,
            }),
            "isv.BAND_CHECK_EXPIRE", StatusCode.FailedPrecondition);
        Assert.Equal(50000, await DeviceViews.SnmpGetAsync(networks, 6, precheck.BandId));
    }

    [Fact]
    public async Task Precheck_WithUnreachableEquipment_FailsWithSystemError()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(),
            new Dictionary<string, string> { ["SpeedUp:Channels:1:Port"] = "9", ["SpeedUp:Channels:1:OperationTimeout"] = "00:00:01" });

        // Read retries wait on the service's clock: it moves on while the call runs.
        await service.WhileTimePassesAsync(() => ProductError.AssertFailsAsync(
            () => service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "58.240.57.33" }),
            "isp.SYSTEM_ERROR", StatusCode.Unavailable));
    }

    private static Task<DirectionStatus> WaitForEndAsync(InProcessService service, long bandId, Func<QueryStatusResponse, DirectionStatus> pick) =>
        Eventually.ValueAsync(
            async () => pick(await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandId })),
            status => status.State == SessionState.Ended,
            $"The session did not end:\n{service.Output}");
}
