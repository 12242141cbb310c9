using System.Net;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Zte;
using SpeedUp.Protocols.Snmp;
using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>The simulator's SNMPv3 users (simulators.json <c>snmpUsers</c>): the ZTE driver and net-snmp over v3 authPriv.</summary>
public sealed class SnmpV3SimulatorTests : IAsyncLifetime
{
    private const string Table = ".1.3.6.1.4.1.3902.6051.1.1.1";
    private BrasSimulator _simulator = null!;

    public async ValueTask InitializeAsync()
    {
        var unicom = LauncherConfigLoader.Load(SimulatorTestPaths.LauncherConfig).Single(n => n.Name == "china-unicom").Options;
        var options = new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.UnicomSeed };
        foreach (var user in unicom.SnmpUsers)
        {
            options.SnmpUsers.Add(user);
        }

        _simulator = await BrasSimulator.StartAsync(options, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _simulator.DisposeAsync();

    [Fact]
    public void Load_ShippedConfig_DeclaresCuv3ForChinaUnicomOnly()
    {
        var networks = LauncherConfigLoader.Load(SimulatorTestPaths.LauncherConfig);

        var user = Assert.Single(networks.Single(n => n.Name == "china-unicom").Options.SnmpUsers);
        Assert.Empty(networks.Single(n => n.Name == "china-telecom").Options.SnmpUsers);
        Assert.Equal(new UsmUser("cuv3", UsmAuthProtocol.HmacSha256, "cuv3-auth-pass", UsmPrivProtocol.Aes128, "cuv3-priv-pass"), user.User);
        Assert.True(user.CanWrite);
        Assert.Equal(SnmpSecurityLevel.AuthPriv, user.MinimumLevel);
        Assert.Contains("v3 cuv3 (HmacSha256/Aes128)", LauncherReport.Describe("china-unicom", _simulator), StringComparison.Ordinal);
        Assert.DoesNotContain("cuv3-auth-pass", LauncherReport.Describe("china-unicom", _simulator), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRateAsync_ZteDriverOverV3AuthPriv_FindsLineAndSetsRate()
    {
        await using var factory = new ZteSnmpDriverFactory();
        var channel = new DeviceOptions
        {
            Name = "cu-sim-v3",
            Port = _simulator.SnmpEndpoint.Port,
        };
        channel.Snmp.Version = "V3";
        channel.Snmp.User = "cuv3";
        channel.Snmp.AuthProtocol = "SHA-256";
        channel.Snmp.PrivProtocol = "AES";
        channel.Snmp.AuthSecret = "cuv3-auth-pass";
        channel.Snmp.PrivSecret = "cuv3-priv-pass";
        var driver = factory.Create(channel);
        var ct = TestContext.Current.CancellationToken;

        var line = await driver.FindLineAsync(IPAddress.Parse("202.106.0.20"), 80, ct);
        var rates = await driver.SetRateAsync(line!.Reference, Direction.Down, 200000, ct);

        Assert.Equal(411000001, line.BandId);
        Assert.Equal(new LineRates(4000, 200000), rates);
    }

    [Fact]
    public async Task Snmpget_V3AuthPrivAsDocumented_ReadsTheRow()
    {
        var (exit, output, error) = await NetSnmpTool.RunAsync("snmpget", _simulator.SnmpEndpoint,
            ["-v3", "-l", "authPriv", "-u", "cuv3", "-a", "SHA-256", "-A", "cuv3-auth-pass", "-x", "AES", "-X", "cuv3-priv-pass"],
            ".1.3.6.1.2.1.1.5.0", Table + ".1.411000001", Table + ".6.411000001");

        Assert.True(exit == 0, error);
        Assert.Equal(string.Join("\n",
            ".1.3.6.1.2.1.1.5.0 = STRING: \"CU-BRAS-01\"",
            Table + ".1.411000001 = STRING: \"bj010u0001\"",
            Table + ".6.411000001 = Gauge32: 50000"), output);
    }

    [Fact]
    public async Task Snmpget_V2cBesideV3_StillWorks()
    {
        var (exit, output, error) = await NetSnmpTool.RunAsync("snmpget", _simulator.SnmpEndpoint, "public", ".1.3.6.1.2.1.1.5.0");
        Assert.True(exit == 0, error);
        Assert.Equal(".1.3.6.1.2.1.1.5.0 = STRING: \"CU-BRAS-01\"", output);
    }

    [Fact]
    public void ToAgentUser_UnknownAuthProtocol_ThrowsNamingNetworkAndUser()
    {
        var config = new LauncherSnmpUserConfig { Name = "x", AuthProtocol = "MD5", AuthPassword = "12345678", PrivPassword = "12345678" };

        var error = Assert.Throws<InvalidOperationException>(() => config.ToAgentUser("china-unicom"));

        Assert.Contains("Network 'china-unicom': SNMPv3 user 'x': unknown authProtocol 'MD5'", error.Message, StringComparison.Ordinal);
    }
}
