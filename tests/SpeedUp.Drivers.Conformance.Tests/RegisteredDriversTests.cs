using SpeedUp.Drivers.Conformance.Tests.Targets;

namespace SpeedUp.Drivers.Conformance.Tests;

/// <summary>
/// Every driver the service registers runs the conformance kit: a driver with code through its conformance class, a
/// driver made of a dialect file through <see cref="DialectVendorConformanceTests"/>, found by its files. Nothing here is
/// a hand-written list of names.
/// </summary>
public sealed class RegisteredDriversTests
{
    [Fact]
    public async Task EveryRegisteredDriver_HasADeclaration_AndRunsTheKit()
    {
        var registered = KnownDrivers.CreateFactories().Select(factory => factory.DriverName).ToHashSet(StringComparer.Ordinal);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(RegisteredDriversTests).Assembly.GetTypes().Where(type => !type.IsAbstract && type.BaseType is { IsGenericType: true } generic
                     && generic.GetGenericTypeDefinition() == typeof(DriverConformanceTests<>)))
        {
            var targetType = type.BaseType!.GetGenericArguments()[0];
            if (!typeof(SimulatorTarget).IsAssignableFrom(targetType))
            {
                continue;
            }

            var target = (SimulatorTarget)Activator.CreateInstance(targetType)!;
            covered.Add(target.Factory.DriverName);
            await target.DisposeAsync();
        }

        foreach (var vendor in KnownDrivers.DialectVendors())
        {
            await using var target = new DialectVendorTarget(vendor);
            covered.Add(target.Factory.DriverName);
        }

        Assert.Equal(registered.Order(StringComparer.Ordinal), KnownDrivers.Declarations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(registered.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDialectFile_IsADriver_WithCodeOrWithAProfileAndASeed()
    {
        var registered = KnownDrivers.CreateFactories().Select(factory => factory.DriverName).ToHashSet(StringComparer.Ordinal);
        var files = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "drivers", "dialects"), "*.dialect.json");

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Contains(SpeedUp.Drivers.Cli.Dialects.DialectLoader.LoadFile(file).Definition.Driver, registered));
        Assert.All(KnownDrivers.DialectVendors(), vendor =>
        {
            Assert.True(vendor.ProfilePath is not null, $"{vendor.DialectPath} has no simulator profile ({vendor.Name}.profile.json beside it): the kit cannot run it.");
            Assert.True(File.Exists(vendor.SeedPath), $"{vendor.Name}: seed {vendor.SeedPath} is missing.");
        });
    }
}
