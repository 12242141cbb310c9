using System.Globalization;
using Broadband.SpeedUp.V1;
using SpeedUp.Drivers.Conformance.Runner;
using SpeedUp.Simulator;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Channels;

/// <summary>
/// Every vendor added as files (a dialect the service ships in its <c>dialects/</c> folder, its simulator profile, its
/// seed) serves a province through the service by configuration alone: a channel naming the dialect's driver for the
/// province of the seed's test line, the province taken off the Huawei channel with <c>ExcludeProvinces</c>. A speed-up
/// changes the line on the vendor's simulated BRAS, the Huawei BRAS is not touched, and the stop restores it.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class DialectVendorServiceTests(SimulatedNetworks networks)
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The vendors whose dialect the service ships (its build copies every data-only dialect to <c>dialects/</c>).</summary>
    public static TheoryData<string> ShippedVendors() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "dialects"), "*.dialect.json")
            .Select(file => Path.GetFileName(file)[..^".dialect.json".Length]).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ShippedVendors))]
    public async Task StartAndStop_InTheProvinceOfTheVendorsSeed_DriveTheVendorsBras(string name)
    {
        var vendor = DialectVendors.For(Path.Combine(RepositoryPaths.Root, "drivers", "dialects", name + ".dialect.json"), Path.Combine(RepositoryPaths.Root, "simulators", "data"));
        var sample = SeedSample.From(vendor.SeedPath);
        var driver = SpeedUp.Drivers.Cli.Dialects.DialectLoader.LoadFile(vendor.DialectPath).Definition.Driver;
        await using var bras = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            SeedFile = vendor.SeedPath,
            CliDialect = CliDialects.ProfilePrefix + vendor.ProfilePath,
            CliSocketPath = Path.Combine(networks.StateDirectory, $"{name}-cli.sock"),
            Ssh = new SshFrontOptions { Port = 0, StateDirectory = Path.Combine(networks.StateDirectory, $"{name}-sshd") },
        }, Ct);
        await using var service = await InProcessService.StartAsync(networks.Simulators, Path.Combine(Path.GetTempPath(), $"speedup-{name}-{Guid.NewGuid():N}.db"),
            new Dictionary<string, string>
            {
                ["SpeedUp:Channels:2:Name"] = $"ct-{name}",
                ["SpeedUp:Channels:2:Carrier"] = "ChinaTelecom",
                ["SpeedUp:Channels:2:Provinces:0"] = sample.Province,
                ["SpeedUp:Channels:2:Driver"] = driver,
                ["SpeedUp:Channels:2:Port"] = bras.SshPort.ToString(CultureInfo.InvariantCulture),
                ["SpeedUp:Channels:2:Username"] = bras.SshUser,
                ["SpeedUp:Channels:2:Secret"] = bras.SshPassword,
                ["SpeedUp:Channels:2:HostKeySha256"] = bras.SshHostKeySha256,
                ["SpeedUp:Channels:0:ExcludeProvinces:0"] = sample.Province, // the Huawei channel keeps its other provinces
            }, cancellationToken: Ct);
        var address = sample.KnownLine.Address.ToString();
        var account = sample.KnownLine.Reference.Account;
        var huaweiBefore = networks.Telecom.State.FindByAccount(account);

        var precheck = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = address, Port = sample.KnownLine.Port }, cancellationToken: Ct);
        Assert.Equal(sample.KnownLine.Reference.BandId, precheck.BandId);
        Assert.Equal(sample.Province, precheck.Province);
        var offer = precheck.Offers.Where(o => o.Direction == Direction.Down && o.Product == ProductType.ThirtyDayPack).MaxBy(o => o.BandwidthMbps)
            ?? throw new InvalidOperationException($"{name}: {address} in {sample.Province} has no downstream offer: {precheck}");
        await service.Client.OrderOfferAsync(new OrderOfferRequest { BandId = precheck.BandId, OfferId = offer.OfferId }, cancellationToken: Ct);
        await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
        {
            IpAddress = address, Port = sample.KnownLine.Port, BandId = precheck.BandId, Direction = Direction.Down, TargetBandwidthMbps = offer.BandwidthMbps,
        }, cancellationToken: Ct);

        Assert.Equal(offer.BandwidthMbps * 1000, bras.State.FindByAccount(account)!.DownKbps);
        Assert.Equal(huaweiBefore?.DownKbps, networks.Telecom.State.FindByAccount(account)?.DownKbps); // the Huawei BRAS was not touched

        await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest
        {
            IpAddress = address, Port = sample.KnownLine.Port, BandId = precheck.BandId, Direction = Direction.Down,
        }, cancellationToken: Ct);
        Assert.True(bras.State.FindByAccount(account)!.AtBaseRates);
    }
}
