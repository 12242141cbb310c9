using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// A session that fell due while the service process was down (killed) is restored when it starts again. (Due times and
/// pre-check expiry on a fake clock: tests/SpeedUp.Host.Tests/Sessions.)
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
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
    public async Task StartUp_AfterCrashWithSessionDue_RestoresTheRate()
    {
        var database = NewDatabase();
        var service = await ServiceProcess.StartAsync(networks.Simulators, database, ShortSessions);
        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.102.152.4" });
        await service.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200);
        var started = await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = "202.102.152.4", BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200,
        });
        await service.KillAsync();
        await service.DisposeAsync();

        // The session falls due while no process runs: wait (real time, two processes share no clock) only until then.
        var dueIn = started.Status.ExpiresAt.ToDateTimeOffset() - DateTimeOffset.UtcNow;
        if (dueIn > TimeSpan.Zero)
        {
            await Task.Delay(dueIn + TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }

        Assert.Equal(200000, await DeviceViews.SnmpGetAsync(networks, 6, precheck.BandId)); // nobody restored it while down

        await using var restarted = await ServiceProcess.StartAsync(networks.Simulators, database, ShortSessions);
        var status = await WaitForEndAsync(restarted, precheck.BandId, s => s.Download, TimeSpan.FromSeconds(20));

        Assert.Equal(EndReason.RestoredAfterRestart, status.EndReason);
        Assert.Equal(100000, await DeviceViews.SnmpGetAsync(networks, 6, precheck.BandId));
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
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
