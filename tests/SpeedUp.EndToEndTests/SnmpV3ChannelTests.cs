using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// An incomplete SNMPv3 channel stops the service process at start-up with a clear message. (Speed-ups over SNMPv3
/// authPriv: tests/SpeedUp.Host.Tests/Channels.)
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class SnmpV3ChannelTests(SimulatedNetworks networks)
{
    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-v3-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task StartUp_WithIncompleteSnmpV3Channel_ExitsWithClearMessage()
    {
        var settings = ChannelSettings.UnicomSnmpV3(CarrierSimulators.UnicomV3User.AuthPassword!);
        settings["SpeedUp:Channels:1:Snmp:PrivProtocol"] = "AES-256";

        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ServiceProcess.StartAsync(networks.Simulators, NewDatabase(), settings));

        Assert.Contains("Channel cu-zte-snmp: unknown Snmp:PrivProtocol 'AES-256'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CarrierSimulators.UnicomV3User.AuthPassword!, e.Message, StringComparison.Ordinal);
    }
}
