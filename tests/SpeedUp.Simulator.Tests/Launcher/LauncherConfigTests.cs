using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

public sealed class LauncherConfigTests
{
    [Fact]
    public void Load_ShippedConfig_ListsBothNetworksOnTheDocumentedPorts()
    {
        var networks = LauncherConfigLoader.Load(SimulatorTestPaths.LauncherConfig);

        Assert.Collection(networks,
            n =>
            {
                Assert.Equal("china-telecom", n.Name);
                Assert.Equal("127.0.0.1:16101", n.Options.SnmpEndpoint.ToString());
                Assert.Equal(2201, n.Options.Ssh?.Port);
                Assert.Equal(CliDialects.Huawei, n.Options.CliDialect);
                Assert.Equal(SimulatorTestPaths.TelecomSeed, n.Options.SeedFile);
                Assert.Equal("127.0.0.1:3799", n.Options.Coa?.Endpoint.ToString());
            },
            n =>
            {
                Assert.Equal("china-unicom", n.Name);
                Assert.Equal("127.0.0.1:16102", n.Options.SnmpEndpoint.ToString());
                Assert.Equal(2202, n.Options.Ssh?.Port);
                Assert.Equal(CliDialects.Zte, n.Options.CliDialect);
                Assert.Equal(SimulatorTestPaths.UnicomSeed, n.Options.SeedFile);
                Assert.Equal("127.0.0.1:3800", n.Options.Coa?.Endpoint.ToString());
            });
        Assert.All(networks, n => Assert.True(SeedLoader.LoadFile(n.Options.SeedFile!).Lines.Count > 0));
    }

    [Fact]
    public void LoadPlan_ShippedConfig_ServesControlEndpointOn16199()
    {
        Assert.Equal(SimulatorControlServer.DefaultPort, LauncherConfigLoader.LoadPlan(SimulatorTestPaths.LauncherConfig).ControlPort);
        Assert.Equal(16199, SimulatorControlServer.DefaultPort);
    }

    [Theory]
    [InlineData(", \"controlPort\": 0", 0)]
    [InlineData("", SimulatorControlServer.DefaultPort)]
    public void LoadPlan_ControlPortOmittedOrZero_Defaults16199OrTurnsItOff(string extra, int expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"launcher-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            { "networks": [ { "name": "x", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16199 } ]{{extra}} }
            """);
        try
        {
            Assert.Equal(expected, LauncherConfigLoader.LoadPlan(path).ControlPort);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadPlan_ControlPortOutOfRange_IsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"launcher-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            { "controlPort": 70000, "networks": [ { "name": "x", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16199 } ] }
            """);
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => LauncherConfigLoader.LoadPlan(path));
            Assert.Contains("controlPort must be between 0 (off) and 65535", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_UnknownCliDialect_IsRefusedNamingTheNetwork()
    {
        var path = Path.Combine(Path.GetTempPath(), $"launcher-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            { "networks": [ { "name": "x", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16199, "cliDialect": "cisco" } ] }
            """);
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => LauncherConfigLoader.Load(path));
            Assert.Contains("Network 'x': cliDialect 'cisco'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
