using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Tests.Simulator;

public sealed class LauncherConfigTests
{
    [Fact]
    public void The_shipped_launcher_config_lists_both_networks_on_the_documented_ports()
    {
        var networks = LauncherConfigLoader.Load(SimulatorTestPaths.LauncherConfig);

        Assert.Collection(networks,
            n =>
            {
                Assert.Equal("china-telecom", n.Name);
                Assert.Equal("127.0.0.1:16101", n.Options.SnmpEndpoint.ToString());
                Assert.Equal(2201, n.Options.Ssh?.Port);
                Assert.Equal(SimulatorTestPaths.TelecomSeed, n.Options.SeedFile);
            },
            n =>
            {
                Assert.Equal("china-unicom", n.Name);
                Assert.Equal("127.0.0.1:16102", n.Options.SnmpEndpoint.ToString());
                Assert.Equal(2202, n.Options.Ssh?.Port);
                Assert.Equal(SimulatorTestPaths.UnicomSeed, n.Options.SeedFile);
            });
        Assert.All(networks, n => Assert.True(SeedLoader.LoadFile(n.Options.SeedFile!).Lines.Count > 0));
    }
}
