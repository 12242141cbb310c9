using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.IntegrationTests;

/// <summary>Sessions end by themselves: at their due time, after a crash of the service, and pre-checks expire.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SessionLifetimeTests(SimulatedNetworks networks)
{
    private static readonly Dictionary<string, string> ShortSessions = new()
    {
        ["SpeedUp:Sessions:MaxDuration"] = "00:00:03",
        ["SpeedUp:Sessions:DefaultDuration"] = "00:00:03",
        ["SpeedUp:Sessions:SweepInterval"] = "00:00:00.200",
    };

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-life-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_session_ends_at_its_due_time_and_the_rate_is_restored()
    {
        await using var service = await ServiceProcess.StartAsync(networks.Simulators, NewDatabase(), ShortSessions);
        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.36" });
        await service.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Up, 20);
        await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = "202.101.172.36", BandId = precheck.BandId, Direction = Direction.Up, TargetBandwidthMbps = 20,
        });
        Assert.Equal(20000, DeviceViews.ReadOverSsh(networks, "zj0571a0002").Up);

        var status = await WaitForEndAsync(service, precheck.BandId, s => s.Upload, TimeSpan.FromSeconds(20));

        Assert.Equal(EndReason.Expired, status.EndReason);
        Assert.Equal(8000, DeviceViews.ReadOverSsh(networks, "zj0571a0002").Up);
    }

    [Fact]
    public async Task A_session_due_while_the_service_was_down_is_restored_at_start_up()
    {
        var database = NewDatabase();
        var service = await ServiceProcess.StartAsync(networks.Simulators, database, ShortSessions);
        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.102.152.4" });
        await service.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200);
        await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = "202.102.152.4", BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200,
        });
        await service.KillAsync();
        await service.DisposeAsync();

        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        Assert.Equal(200000, await DeviceViews.SnmpGetAsync(networks, 6, precheck.BandId)); // nobody restored it while down

        await using var restarted = await ServiceProcess.StartAsync(networks.Simulators, database, ShortSessions);
        var status = await WaitForEndAsync(restarted, precheck.BandId, s => s.Download, TimeSpan.FromSeconds(20));

        Assert.Equal(EndReason.RestoredAfterRestart, status.EndReason);
        Assert.Equal(100000, await DeviceViews.SnmpGetAsync(networks, 6, precheck.BandId));
    }

    [Fact]
    public async Task An_expired_precheck_is_band_check_expire()
    {
        await using var service = await ServiceProcess.StartAsync(networks.Simulators, NewDatabase(),
            new Dictionary<string, string> { ["SpeedUp:Precheck:ValidFor"] = "00:00:01" });
        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.102.152.3" });
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

        await ProductError.AssertFailsAsync(
            () => service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = "202.102.152.3", BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 100,
            }),
            "isv.BAND_CHECK_EXPIRE", StatusCode.FailedPrecondition);
        Assert.Equal(50000, await DeviceViews.SnmpGetAsync(networks, 6, precheck.BandId));
    }

    [Fact]
    public async Task Unreachable_equipment_is_system_error()
    {
        await using var service = await ServiceProcess.StartAsync(networks.Simulators, NewDatabase(),
            new Dictionary<string, string> { ["SpeedUp:Channels:1:Port"] = "9", ["SpeedUp:Channels:1:OperationTimeout"] = "00:00:01" });

        await ProductError.AssertFailsAsync(
            () => service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "58.240.57.33" }),
            "isp.SYSTEM_ERROR", StatusCode.Unavailable);
    }

    private static async Task<DirectionStatus> WaitForEndAsync(
        ServiceProcess service, long bandId, Func<QueryStatusResponse, DirectionStatus> pick, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = pick(await service.Client.QueryStatusAsync(new QueryStatusRequest { BandId = bandId }));
            if (status.State == SessionState.Ended)
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Session still {status.State} after {timeout}:\n{service.Output}");
            await Task.Delay(200);
        }
    }
}
