using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Channels;

/// <summary>The China Unicom channel configured with <c>Driver = zte-cli-ssh</c> drives the ZTE-style CLI over real sshd end to end.</summary>
[Collection(InProcessHostCollection.Name)]
public sealed class ZteCliChannelTests(SimulatedNetworks networks)
{
    private Dictionary<string, string> CliChannel(string password, string? hostKey = null) => new()
    {
        ["SpeedUp:Channels:1:Name"] = "cu-zte-cli",
        ["SpeedUp:Channels:1:Driver"] = "zte-cli-ssh",
        ["SpeedUp:Channels:1:Port"] = networks.Unicom.SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SpeedUp:Channels:1:Username"] = networks.Unicom.SshUser,
        ["SpeedUp:Channels:1:HostKeySha256"] = hostKey ?? networks.Unicom.SshHostKeySha256,
        ["SpeedUp:Channels:1:SecretEnvironmentVariable"] = "SPEEDUP_CU_SSH_PASSWORD",
        ["SPEEDUP_CU_SSH_PASSWORD"] = password,
    };

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-zte-cli-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task StartAndStopSpeedUp_OverZteCli_SetAndRestoreTheRate()
    {
        networks.Unicom.State.Reboot();
        var audit = networks.Unicom.State.AuditLog.Count;
        await using var service = await InProcessService.StartAsync(networks.Simulators, NewDatabase(), CliChannel(networks.Unicom.SshPassword));
        var client = service.Client;

        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "58.240.57.100", Port = 2100 });
        Assert.Equal(432000003, precheck.BandId);
        await client.OrderThirtyDayPackAsync(precheck.BandId, Direction.Down, 200);
        await client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = "58.240.57.100", Port = 2100, BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = 200,
        });
        Assert.Equal(200000, networks.Unicom.State.FindByAccount("js025u0003")!.DownKbps);

        await client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = "58.240.57.100", Port = 2100, BandId = precheck.BandId, Direction = Direction.Down });
        Assert.Equal(100000, networks.Unicom.State.FindByAccount("js025u0003")!.DownKbps);
        Assert.Contains(networks.Unicom.State.AuditLog.Skip(audit), e => e.Command.StartsWith("subscriber js025u0003 rate-limit downstream 200000", StringComparison.Ordinal));
        Assert.DoesNotContain(networks.Unicom.SshPassword, service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Precheck_WithWrongHostKeyPin_FailsWithSystemErrorAndChangesNothing()
    {
        const string otherKey = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
        await using var service = await InProcessService.StartAsync(
            networks.Simulators, NewDatabase(), CliChannel(networks.Unicom.SshPassword, otherKey));

        var e = await service.WhileTimePassesAsync(() => ProductError.AssertFailsAsync(
            () => service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = "221.11.1.67" }),
            "isp.SYSTEM_ERROR", StatusCode.Internal));

        Assert.DoesNotContain("HostKeyMismatch", e.Status.Detail, StringComparison.Ordinal); // the customer reads the code and the request id
        Assert.Contains("HostKeyMismatch", service.Output, StringComparison.Ordinal); // the log names the fault
        Assert.Equal(50000, networks.Unicom.State.FindByAccount("sn029u0001")!.DownKbps);
    }
}
