extern alias host;

using System.Net;
using Microsoft.Extensions.Configuration;
using host::Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;
using SpeedUp.Scheduler;
using host::SpeedUp.Host.Drivers;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Drivers;

/// <summary>Drivers are found by attribute in the shipped assemblies, in a plugin folder and as dialect files; duplicates stop the service.</summary>
public sealed class DriverDiscoveryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("speedup-plugins-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AddDiscoveredDrivers_ShippedAssemblies_BringTheirFactoriesByAttribute()
    {
        var names = Factories(new Dictionary<string, string?>()).Select(f => f.DriverName).Order(StringComparer.Ordinal);

        Assert.Equal(["huawei-cli-ssh", "huawei-coa", "zte-cli-ssh", "zte-coa", "zte-snmp"], names);
    }

    [Fact]
    public void AddDiscoveredDrivers_CoaDriver_BuildsItsReadFaceThroughTheContainersFactories()
    {
        var coa = Factories(new Dictionary<string, string?>()).Single(f => f.DriverName == "huawei-coa");
        var channel = new DeviceOptions { Name = "ct-coa", Host = "127.0.0.1", Port = 22, Username = "u", Secret = "p", HostKeySha256 = "SHA256:AAAA" };
        channel.Coa.ReadDriver = "huawei-cli-ssh";
        channel.Coa.Secret = "coa-secret";

        var driver = coa.Create(channel);

        Assert.Equal("CoaDriver", driver.GetType().Name);
        Assert.Equal("HuaweiCliDriver", driver.GetType().GetProperty("Reads")!.GetValue(driver)!.GetType().Name);
    }

    [Fact]
    public async Task AddDiscoveredDrivers_PluginDirectory_AddsDriverWithoutRebuildingTheService()
    {
        CopyPlugin(Path.Combine(_folder, "SpeedUp.Drivers.SamplePlugin"));

        var factory = Assert.Single(Factories(new Dictionary<string, string?> { ["SpeedUp:Drivers:PluginDirectory"] = _folder }),
            f => f.DriverName == "sample-plugin");
        var channel = new SupplyChannelOptions { Name = "sample", Host = "202.101.172.35", Driver = "sample-plugin" };
        var driver = factory.Create(channel);
        var line = await driver.FindLineAsync(IPAddress.Parse("202.101.172.35"), 0, TestContext.Current.CancellationToken);

        Assert.NotNull(line);
        Assert.Equal(900000001, line.BandId);
        Assert.NotEqual(typeof(DriverDiscoveryTests).Assembly, factory.GetType().Assembly);
        Assert.Equal("SpeedUp.Drivers.SamplePlugin", System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(factory.GetType().Assembly)!.Name);
    }

    [Fact]
    public async Task AddDiscoveredDrivers_PluginListedInTheAllowList_LoadsAndIsLoggedWithItsDigest()
    {
        var plugin = Path.Combine(_folder, "SpeedUp.Drivers.SamplePlugin");
        CopyPlugin(plugin);
        var digest = Sha256(Path.Combine(plugin, "SpeedUp.Drivers.SamplePlugin.dll"));

        var (factories, log) = await StartAsync(new Dictionary<string, string?>
        {
            ["SpeedUp:Drivers:PluginDirectory"] = _folder,
            ["SpeedUp:Drivers:PluginSha256:0"] = new string('0', 64),
            ["SpeedUp:Drivers:PluginSha256:1"] = digest.ToUpperInvariant(),
        });

        Assert.Contains(factories, f => f.DriverName == "sample-plugin");
        var line = Assert.Single(log.GetSnapshot(), r => r.Id.Id == 6030);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains(digest, line.Message, StringComparison.Ordinal);
        Assert.Contains("SpeedUp.Drivers.SamplePlugin.dll", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDiscoveredDrivers_PluginNotInTheAllowList_RefusedNamingTheFileAndItsDigest()
    {
        var plugin = Path.Combine(_folder, "SpeedUp.Drivers.SamplePlugin");
        CopyPlugin(plugin);
        var file = Path.Combine(plugin, "SpeedUp.Drivers.SamplePlugin.dll");
        var settings = new Dictionary<string, string?>
        {
            ["SpeedUp:Drivers:PluginDirectory"] = _folder,
            ["SpeedUp:Drivers:PluginSha256:0"] = new string('a', 64),
        };

        var e = Assert.Throws<InvalidOperationException>(() => Factories(settings));

        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 {Sha256(file)}", e.Message, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Drivers:PluginSha256", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "SpeedUp.Drivers.SamplePlugin"
            && System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a)!.Name == "SpeedUp.Drivers.SamplePlugin" && a.Location == file);
    }

    [Fact]
    public async Task AddDiscoveredDrivers_NoAllowList_LoadsEveryPluginAndLogsEachWithItsDigest()
    {
        var plugin = Path.Combine(_folder, "SpeedUp.Drivers.SamplePlugin");
        CopyPlugin(plugin);

        var (factories, log) = await StartAsync(new Dictionary<string, string?> { ["SpeedUp:Drivers:PluginDirectory"] = _folder });

        Assert.Contains(factories, f => f.DriverName == "sample-plugin");
        var line = Assert.Single(log.GetSnapshot(), r => r.Id.Id == 6031);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains(Sha256(Path.Combine(plugin, "SpeedUp.Drivers.SamplePlugin.dll")), line.Message, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Drivers:PluginSha256", line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-digest")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    public void AddDiscoveredDrivers_MalformedAllowListEntry_RefusedNamingTheKey(string entry)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Factories(new Dictionary<string, string?> { ["SpeedUp:Drivers:PluginSha256:0"] = entry }));

        Assert.Equal("SpeedUp:Drivers:PluginSha256:0 is not a SHA-256 digest (64 hex digits).", e.Message);
    }

    [Fact]
    public void AddDiscoveredDrivers_DialectFileWithDuplicateDriverName_AddsDriverButValidationFails()
    {
        var dialects = Path.Combine(_folder, "dialects");
        Directory.CreateDirectory(dialects);
        var huawei = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "drivers", "dialects", "huawei-vrp.dialect.json"));
        File.WriteAllText(Path.Combine(dialects, "h3c.dialect.json"),
            huawei.Replace("\"huawei-vrp\"", "\"h3c-comware\"", StringComparison.Ordinal).Replace("\"huawei-cli-ssh\"", "\"h3c-cli-ssh\"", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dialects, "clash.dialect.json"), huawei.Replace("\"huawei-vrp\"", "\"clash\"", StringComparison.Ordinal));

        var factories = Factories(new Dictionary<string, string?> { ["SpeedUp:Drivers:DialectDirectory"] = dialects });
        var validation = new SchedulerOptionsValidator(factories, new OfferCatalogue(Options.Create(new CatalogueOptions()))).Validate(null, new SchedulerOptions());

        Assert.Contains(factories, f => f.DriverName == "h3c-cli-ssh");
        Assert.False(validation.Succeeded);
        Assert.Contains("Driver name 'huawei-cli-ssh' is registered more than once", validation.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void FactoryTypes_MarkedClassNotAFactory_ThrowsNamingIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DriverDiscovery.FactoryTypes(typeof(NotAFactory).Assembly));

        Assert.Contains(nameof(NotAFactory), e.Message, StringComparison.Ordinal);
    }

    private static List<ISubscriberLineDriverFactory> Factories(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddDiscoveredDrivers(configuration);
        return [.. services.BuildServiceProvider().GetServices<ISubscriberLineDriverFactory>()];
    }

    private static async Task<(List<ISubscriberLineDriverFactory> Factories, FakeLogCollector Log)> StartAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging(logging => logging.AddFakeLogging());
        services.AddDiscoveredDrivers(configuration);
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(TestContext.Current.CancellationToken);
        }

        return ([.. provider.GetServices<ISubscriberLineDriverFactory>()], provider.GetFakeLogCollector());
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private static void CopyPlugin(string target)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var built = Path.Combine(RepositoryPaths.Root, "tests", "SpeedUp.Drivers.SamplePlugin", "bin", configuration, "net10.0");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(built))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}

/// <summary>Marked but not a factory (the scan must refuse it). The test assembly is no driver assembly, so the shipped scan skips it.</summary>
[DriverFactory]
public sealed class NotAFactory;
