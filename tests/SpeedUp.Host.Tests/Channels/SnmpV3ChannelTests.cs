using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Channels;

/// <summary>The China Unicom channel configured for SNMPv3 authPriv (SHA-256 + AES) drives the equipment end to end.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class SnmpV3ChannelTests(SimulatedNetworks networks)
{
    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-v3-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task StartAndStopSpeedUp_OverSnmpV3AuthPriv_SetAndRestoreTheRate()
    {
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(),
            ChannelSettings.UnicomSnmpV3(CarrierSimulators.UnicomV3User.AuthPassword!));
        var client = service.Client;

        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "221.11.1.67" });
        Assert.Equal(461000001, precheck.BandId);
        await client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200);
        await client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = "221.11.1.67", BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200,
        });
        Assert.Equal(200000, await DeviceViews.SnmpGetAsync(networks, 6, precheck.BandId));

        await client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = "221.11.1.67", BandId = precheck.BandId, Direction = Direction.Down });
        Assert.Equal(50000, await DeviceViews.SnmpGetAsync(networks, 6, precheck.BandId));
        Assert.DoesNotContain(CarrierSimulators.UnicomV3User.AuthPassword!, service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(CarrierSimulators.UnicomV3User.PrivPassword!, service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Precheck_WithWrongV3AuthPassword_FailsWithSystemErrorAndChangesNothing()
    {
        const string wrong = "wrong-auth-pass-1";
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), ChannelSettings.UnicomSnmpV3(wrong));

        var e = await service.WhileTimePassesAsync(() => ProductError.AssertFailsAsync(
            () => service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "221.11.1.67" }),
            "isp.SYSTEM_ERROR", StatusCode.Internal));

        Assert.DoesNotContain("AuthenticationFailed", e.Status.Detail, StringComparison.Ordinal); // the customer reads the code and the request id
        Assert.Contains("AuthenticationFailed", service.Output, StringComparison.Ordinal); // the log names the fault
        Assert.DoesNotContain(wrong, e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, service.Output, StringComparison.Ordinal);
        Assert.Equal(50000, await DeviceViews.SnmpGetAsync(networks, 6, 461000001));
    }

}
