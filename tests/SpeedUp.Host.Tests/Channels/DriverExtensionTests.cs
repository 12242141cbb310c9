using System.Globalization;
using Broadband.SpeedUp.V1;
using SpeedUp.Simulator;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Channels;

/// <summary>
/// A province moved to equipment of a third dialect by configuration and a data file only: the shipped
/// H3C Comware dialect (drivers/dialects, copied beside the service) driving a simulated H3C BRAS (face from
/// drivers/dialects) for Sichuan, while the other Telecom provinces stay on the Huawei channel.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class DriverExtensionTests(SimulatedNetworks networks)
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartSpeedUp_InProvinceMovedToH3cDialect_DrivesTheH3cBras()
    {
        await using var h3c = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            SeedFile = RepositoryPaths.TelecomSeed,
            Hostname = "SC-H3C-BRAS-01",
            CliDialect = CliDialects.ProfilePrefix + Path.Combine(RepositoryPaths.Root, "drivers", "dialects", "h3c-comware.profile.json"),
            CliSocketPath = Path.Combine(networks.StateDirectory, "h3c-cli.sock"),
            Ssh = new SshFrontOptions { Port = 0, StateDirectory = Path.Combine(networks.StateDirectory, "h3c-sshd") },
        }, Ct);
        await using var service = await InProcessService.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-h3c-{Guid.NewGuid():N}.db"),
            new Dictionary<string, string>
            {
                ["SpeedUp:Channels:2:Name"] = "ct-sc-h3c",
                ["SpeedUp:Channels:2:Carrier"] = "ChinaTelecom",
                ["SpeedUp:Channels:2:Provinces:0"] = "Sichuan",
                ["SpeedUp:Channels:2:Driver"] = "h3c-cli-ssh",
                ["SpeedUp:Channels:2:Port"] = h3c.SshPort.ToString(CultureInfo.InvariantCulture),
                ["SpeedUp:Channels:2:Username"] = h3c.SshUser,
                ["SpeedUp:Channels:2:Secret"] = h3c.SshPassword,
                ["SpeedUp:Channels:2:HostKeySha256"] = h3c.SshHostKeySha256,
                ["SpeedUp:Channels:2:Priority"] = "1",
                ["SpeedUp:Channels:0:ExcludeProvinces:0"] = "Sichuan", // the Huawei channel keeps its other provinces
            }, cancellationToken: Ct);

        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "61.139.2.69" }, cancellationToken: Ct);
        await service.Client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200, cancellationToken: Ct);
        await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = "61.139.2.69", BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200,
        }, cancellationToken: Ct);

        Assert.Equal(200000, h3c.State.FindByAccount("sc028a0001")!.DownKbps);
        Assert.Equal(50000, networks.Telecom.State.FindByAccount("sc028a0001")!.DownKbps); // the Huawei BRAS was not touched
        Assert.Contains(h3c.State.AuditLog, e => e.Command == "user-rate username sc028a0001 outbound cir 200000");

        await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest
        {
            IpAddress = "61.139.2.69", BandId = precheck.BandId, Direction = Direction.Down,
        }, cancellationToken: Ct);
        Assert.True(h3c.State.FindByAccount("sc028a0001")!.AtBaseRates);
    }
}
