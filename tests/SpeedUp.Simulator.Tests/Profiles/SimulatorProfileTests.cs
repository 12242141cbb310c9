using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>The CLI faces as data: the shipped profiles are found beside the simulator, and a broken profile is refused.</summary>
public sealed class SimulatorProfileTests
{
    [Theory]
    [InlineData(CliDialects.Huawei, "huawei-vrp")]
    [InlineData("ZTE", "zte-zxr10")]
    [InlineData(CliDialects.H3c, "h3c-comware")]
    [InlineData("", "huawei-vrp")]
    public void ProfilePath_KnownDialectName_IsTheProfileCopiedFromDriversDialects(string dialect, string name)
    {
        var path = CliDialects.ProfilePath(dialect)!;

        Assert.True(CliDialects.IsKnown(dialect));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "profiles", name + ".profile.json"), path);
        Assert.Equal(File.ReadAllText(Path.Combine(SimulatorTestPaths.RepositoryRoot, "drivers", "dialects", name + ".profile.json")), File.ReadAllText(path));
        Assert.Equal(name, SimulatorProfile.Load(path).Name);
    }

    [Fact]
    public void IsKnown_UnknownNameOrMissingProfileFile_IsFalse()
    {
        Assert.False(CliDialects.IsKnown("cisco"));
        Assert.Null(CliDialects.ProfilePath("cisco"));
        Assert.False(CliDialects.IsKnown(CliDialects.ProfilePrefix + "/nowhere/x.profile.json"));
    }

    [Theory]
    [InlineData("\"display {account}\"", "\"display {address}\"", "different word")]
    [InlineData("\"display {vlan}\"", "\"quit\"", "unknown placeholder {vlan}")]
    [InlineData("\"quit\"", "\"quit\"", "clashes with another command")]
    public async Task StartAsync_ProfileWithClashingTemplates_IsRefused(string first, string second, string message)
    {
        var huawei = File.ReadAllText(CliDialects.ProfilePath(CliDialects.Huawei)!);
        var broken = huawei.Replace(
            "\"commands\": [",
            $$"""
            "commands": [
                { "views": ["user"], "command": {{first}}, "do": "close" },
                { "views": ["user"], "command": {{second}}, "do": "close" },
            """,
            StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.profile.json");
        File.WriteAllText(path, broken);
        try
        {
            var e = await Assert.ThrowsAsync<ArgumentException>(() => BrasSimulator.StartAsync(
                new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed, CliDialect = CliDialects.ProfilePrefix + path },
                TestContext.Current.CancellationToken));
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartAsync_ProfileMissingRequiredValues_IsRefusedNamingThem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"empty-{Guid.NewGuid():N}.profile.json");
        File.WriteAllText(path, """{ "name": "x" }""");
        try
        {
            var e = await Assert.ThrowsAsync<ArgumentException>(() => BrasSimulator.StartAsync(
                new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed, CliDialect = CliDialects.ProfilePrefix + path },
                TestContext.Current.CancellationToken));
            Assert.Contains("lacks: tooManySessions, pager.more", e.Message, StringComparison.Ordinal);
            Assert.Contains("views, commands", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
