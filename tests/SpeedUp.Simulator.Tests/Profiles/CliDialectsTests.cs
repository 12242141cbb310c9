using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>The dialect names come from the profile files found (base name and unique short alias), not from code.</summary>
public sealed class CliDialectsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cli-dialects-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string AddProfile(string baseName)
    {
        var path = Path.Combine(_folder, baseName + ".profile.json");
        File.Copy(CliDialects.ProfilePath(CliDialects.H3c)!, path);
        return path;
    }

    [Fact]
    public void Names_ShippedProfiles_AreTheBaseNamesOfTheFilesInProfiles()
    {
        var shipped = Directory.GetFiles(Path.Combine(SimulatorTestPaths.RepositoryRoot, "drivers", "dialects"), "*.profile.json")
            .Select(f => Path.GetFileName(f)[..^".profile.json".Length]);

        var names = CliDialects.Names; // other tests may drop a profile of their own there meanwhile

        Assert.Subset(names.ToHashSet(), shipped.ToHashSet());
        Assert.Equal([.. names.Order(StringComparer.Ordinal)], names);
        Assert.Contains("h3c-comware", names);
    }

    [Theory]
    [InlineData("h3c-comware", CliDialects.H3c)]
    [InlineData("huawei-vrp", CliDialects.Huawei)]
    [InlineData("ZTE-ZXR10", CliDialects.Zte)]
    public void ProfilePath_BaseNameAndShortAlias_NameTheSameFile(string baseName, string alias)
    {
        Assert.True(CliDialects.IsKnown(baseName));
        Assert.Equal(CliDialects.ProfilePath(alias), CliDialects.ProfilePath(baseName));
        Assert.Equal(Path.Combine(CliDialects.ProfileDirectory, baseName.ToLowerInvariant() + ".profile.json"), CliDialects.ProfilePath(baseName));
    }

    [Fact]
    public void IsKnown_NameFoundOnlyAsAFile_IsKnownByBaseNameAndAlias()
    {
        var path = AddProfile("acme-os");

        Assert.True(CliDialects.IsKnown("acme-os", _folder));
        Assert.True(CliDialects.IsKnown("ACME", _folder));
        Assert.Equal(path, CliDialects.ProfilePath("acme", _folder));
        Assert.False(CliDialects.IsKnown("acme-os"));   // not in the simulator's own profiles/
        Assert.False(CliDialects.IsKnown("huawei", _folder));
        Assert.False(CliDialects.IsKnown("", _folder)); // the default is huawei, absent here
    }

    [Fact]
    public void IsKnown_AmbiguousAlias_IsNotKnownButEachBaseNameIs()
    {
        var os = AddProfile("acme-os");
        var xr = AddProfile("acme-xr");

        Assert.False(CliDialects.IsKnown("acme", _folder));
        Assert.Null(CliDialects.ProfilePath("acme", _folder));
        Assert.Equal(os, CliDialects.ProfilePath("acme-os", _folder));
        Assert.Equal(xr, CliDialects.ProfilePath("acme-xr", _folder));
    }

    [Fact]
    public void ProfilePath_AliasThatIsAnotherFilesBaseName_IsThatFile()
    {
        var plain = AddProfile("acme");
        AddProfile("acme-os");

        Assert.Equal(plain, CliDialects.ProfilePath("acme", _folder));
        Assert.True(CliDialects.IsKnown("acme-os", _folder));
    }

    [Fact]
    public void IsKnown_MissingFolderOrOtherFiles_KnowsNothing()
    {
        File.WriteAllText(Path.Combine(_folder, "acme-os.dialect.json"), "{}");
        File.WriteAllText(Path.Combine(_folder, ".profile.json"), "{}");

        Assert.False(CliDialects.IsKnown("acme-os", _folder));
        Assert.False(CliDialects.IsKnown("acme", Path.Combine(_folder, "missing")));
    }

    [Fact]
    public async Task StartAsync_ProfileDroppedIntoProfilesFolder_ServesItsFaceByName()
    {
        var baseName = $"zz{Guid.NewGuid():N}"[..12] + "-lab";
        var path = Path.Combine(CliDialects.ProfileDirectory, baseName + ".profile.json");
        File.Copy(CliDialects.ProfilePath(CliDialects.H3c)!, path);
        try
        {
            Assert.Contains(baseName, CliDialects.Names);
            await using var simulator = await BrasSimulator.StartAsync(
                new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed, CliDialect = baseName.Split('-')[0] }, TestContext.Current.CancellationToken);
            await using var cli = await UnixCliClient.ConnectAsync(simulator.CliSocketPath);
            await cli.ReadUntilAsync("<CT-BRAS-01>");

            var output = await cli.CommandAsync("display access-user username zj0571a0001", "<CT-BRAS-01>");

            Assert.Contains("zj0571a0001", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartAsync_UnknownDialect_ErrorListsTheNamesFound()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed, CliDialect = "cisco" }, TestContext.Current.CancellationToken));

        Assert.Contains("Unknown CLI dialect 'cisco'", e.Message, StringComparison.Ordinal);
        Assert.Contains("h3c-comware (h3c), huawei-vrp (huawei)", e.Message, StringComparison.Ordinal);
        Assert.Contains("zte-zxr10 (zte)", e.Message, StringComparison.Ordinal);
    }
}
