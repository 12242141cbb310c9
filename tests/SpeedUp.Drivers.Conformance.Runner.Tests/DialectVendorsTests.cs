namespace SpeedUp.Drivers.Conformance.Runner.Tests;

public sealed class DialectVendorsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("speedup-vendors-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Discover_PairsADialectWithItsProfileAndItsOwnSeed_ElseTheTelecomSeed()
    {
        var dialects = Directory.CreateDirectory(Path.Combine(_root, "dialects")).FullName;
        var seeds = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        File.WriteAllText(Path.Combine(dialects, "acme-os.dialect.json"), "{}");
        File.WriteAllText(Path.Combine(dialects, "acme-os.profile.json"), "{}");
        File.WriteAllText(Path.Combine(seeds, "acme-os.json"), "{}");
        File.WriteAllText(Path.Combine(dialects, "bare-os.dialect.json"), "{}");
        File.WriteAllText(Path.Combine(dialects, "other.profile.json"), "{}");

        var vendors = DialectVendors.Discover(dialects, seeds);

        Assert.Equal(["acme-os", "bare-os"], vendors.Select(vendor => vendor.Name));
        Assert.Equal(Path.Combine(dialects, "acme-os.profile.json"), vendors[0].ProfilePath);
        Assert.Equal(Path.Combine(seeds, "acme-os.json"), vendors[0].SeedPath);
        Assert.Null(vendors[1].ProfilePath);
        Assert.Equal(Path.Combine(seeds, DialectVendor.DefaultSeed), vendors[1].SeedPath);
    }

    [Fact]
    public void For_AFileThatIsNotADialect_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => DialectVendors.For(Path.Combine(_root, "acme.profile.json"), _root));

        Assert.Contains(".dialect.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InRepository_FindsTheShippedDataVendor()
    {
        var root = DialectVendors.FindRepositoryRoot(AppContext.BaseDirectory)!;

        var h3c = Assert.Single(DialectVendors.InRepository(root), vendor => vendor.Name == "h3c-comware");

        Assert.NotNull(h3c.ProfilePath);
        Assert.True(File.Exists(h3c.SeedPath));
    }
}
