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
            Assert.Contains("h3c-comware (h3c), huawei-vrp (huawei)", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_ShippedConfig_HasAnExistingNetworksFolderForNetworkFiles()
    {
        Assert.True(File.Exists(Path.Combine(SimulatorTestPaths.RepositoryRoot, "simulators", "networks", "README.md")));
        Assert.Contains("\"networkFiles\": [\"networks/*.network.json\"]", File.ReadAllText(SimulatorTestPaths.LauncherConfig), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ProfileDialectWithRelativePathOrProfileName_IsResolvedAgainstTheConfigDirectory()
    {
        using var folder = new LauncherFolder();
        var profile = folder.Write("vendor/acme-os.profile.json", File.ReadAllText(CliDialects.ProfilePath(CliDialects.H3c)!));
        var config = folder.Write("simulators.json", $$"""
            { "networks": [
                { "name": "a", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16201, "cliDialect": "profile:vendor/acme-os.profile.json" },
                { "name": "b", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16202, "cliDialect": "h3c-comware" } ] }
            """);

        var networks = LauncherConfigLoader.Load(config);

        Assert.Equal(CliDialects.ProfilePrefix + profile, networks[0].Options.CliDialect);
        Assert.Equal("h3c-comware", networks[1].Options.CliDialect);
        Assert.True(CliDialects.IsKnown(networks[0].Options.CliDialect));
    }

    [Fact]
    public void LoadPlan_NetworkFiles_FollowTheConfigsNetworksSortedByNameWithPathsFromTheirOwnFolder()
    {
        using var folder = new LauncherFolder();
        var seed = folder.Write("networks/lab/seed.json", File.ReadAllText(SimulatorTestPaths.TelecomSeed));
        var profile = folder.Write("networks/lab/acme-os.profile.json", File.ReadAllText(CliDialects.ProfilePath(CliDialects.H3c)!));
        folder.Write("networks/b.network.json", """
            // comments allowed
            { "name": "bravo", "seedFile": "lab/seed.json", "snmpPort": 16203, "cliDialect": "profile:lab/acme-os.profile.json",
              "cliSocket": "lab/bravo.sock", "sshPort": 2303, "sshUser": "bravo-cli", "sshPassword": "bravo-cli-pass" }
            """);
        folder.Write("networks/a.network.json", $$"""{ "name": "alpha", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16202, "cliDialect": "zte" }""");
        folder.Write("networks/README.md", "not a network");
        var config = folder.Write("simulators.json", $$"""
            { "networkFiles": ["networks/*.network.json"],
              "networks": [ { "name": "zulu", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16201 } ] }
            """);

        var networks = LauncherConfigLoader.Load(config);

        Assert.Equal(["zulu", "alpha", "bravo"], networks.Select(n => n.Name));
        var bravo = networks[2].Options;
        Assert.Equal(seed, bravo.SeedFile);
        Assert.Equal(CliDialects.ProfilePrefix + profile, bravo.CliDialect);
        Assert.Equal(Path.Combine(folder.Path, "networks", "lab", "bravo.sock"), bravo.CliSocketPath);
        Assert.Equal(2303, bravo.Ssh?.Port);
        Assert.Equal("127.0.0.1:16203", bravo.SnmpEndpoint.ToString());
        Assert.Equal(CliDialects.Zte, networks[1].Options.CliDialect);
    }

    [Fact]
    public void LoadPlan_OnlyNetworkFiles_IsEnoughAndNoMatchWithNoNetworksIsRefused()
    {
        using var folder = new LauncherFolder();
        var config = folder.Write("simulators.json", """{ "networkFiles": ["networks/*.network.json"] }""");
        folder.Write("networks/README.md", "");

        Assert.Contains("lists no networks", Assert.Throws<InvalidOperationException>(() => LauncherConfigLoader.Load(config)).Message, StringComparison.Ordinal);

        folder.Write("networks/one.network.json", $$"""{ "name": "one", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16201 }""");

        Assert.Equal("one", Assert.Single(LauncherConfigLoader.Load(config)).Name);
    }

    [Theory]
    [InlineData("""{ "name": "x", "seedFile": "s.json", "snmpPort": 16202, "colour": "red" }""", "colour")]
    [InlineData("""[ { "name": "x", "seedFile": "s.json", "snmpPort": 16202 } ]""", "is not one valid network object")]
    [InlineData("""{ "name": "X!", "seedFile": "s.json", "snmpPort": 16202 }""", "must match [a-z0-9-]")]
    [InlineData("""{ "name": "x", "seedFile": "s.json", "snmpPort": 16202, "cliDialect": "cisco" }""", "cliDialect 'cisco'")]
    [InlineData("""{ "name": "x", "seedFile": "s.json", "snmpPort": 16202, "cliDialect": "profile:nowhere.profile.json" }""", "cliDialect 'profile:nowhere.profile.json'")]
    public void LoadPlan_BadNetworkFile_IsRefusedNamingTheFile(string json, string message)
    {
        using var folder = new LauncherFolder();
        var file = folder.Write("networks/x.network.json", json);
        var config = folder.Write("simulators.json", """{ "networkFiles": ["networks/*.network.json"] }""");

        var e = Assert.Throws<InvalidOperationException>(() => LauncherConfigLoader.Load(config));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nets/*/x.network.json", "'*' in the file name only")]
    [InlineData("missing/*.network.json", "does not exist")]
    public void LoadPlan_BadNetworkFilesPattern_IsRefused(string pattern, string message)
    {
        using var folder = new LauncherFolder();
        var config = folder.Write("simulators.json", $$"""{ "networkFiles": ["{{pattern}}"] }""");

        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => LauncherConfigLoader.Load(config)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadPlan_NetworkNameTwice_IsRefusedNamingBothPlaces()
    {
        using var folder = new LauncherFolder();
        var file = folder.Write("networks/dup.network.json", $$"""{ "name": "china-x", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16202 }""");
        var config = folder.Write("simulators.json", $$"""
            { "networkFiles": ["networks/*.network.json"],
              "networks": [ { "name": "china-x", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16201 } ] }
            """);

        var e = Assert.Throws<InvalidOperationException>(() => LauncherConfigLoader.Load(config));

        Assert.Contains("Network name 'china-x' is used twice", e.Message, StringComparison.Ordinal);
        Assert.Contains($"launcher config '{config}'", e.Message, StringComparison.Ordinal);
        Assert.Contains($"network file '{file}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadPlan_PortTwiceAcrossNetworks_IsRefusedNamingBoth()
    {
        using var folder = new LauncherFolder();
        folder.Write("networks/a.network.json", $$"""{ "name": "alpha", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16202 }""");
        folder.Write("networks/b.network.json", $$"""{ "name": "bravo", "seedFile": "{{SimulatorTestPaths.UnicomSeed}}", "snmpPort": 16203, "sshPort": 16202 }""");
        var config = folder.Write("simulators.json", """{ "networkFiles": ["networks/*.network.json"] }""");

        var e = Assert.Throws<InvalidOperationException>(() => LauncherConfigLoader.Load(config));

        Assert.Contains("Port 16202 is used twice: snmpPort of network 'alpha'", e.Message, StringComparison.Ordinal);
        Assert.Contains("sshPort of network 'bravo'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A temporary folder for a launcher config and its files, deleted afterwards.</summary>
    private sealed class LauncherFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("launcher-").FullName;

        public string Write(string relative, string text)
        {
            var full = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            return full;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
