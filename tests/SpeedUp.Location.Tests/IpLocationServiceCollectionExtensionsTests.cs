using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Location;
using SpeedUp.Drivers;
using SpeedUp.Location;

namespace SpeedUp.Location.Tests;

public sealed class IpLocationServiceCollectionExtensionsTests
{
    [Fact]
    public void AddIpLocation_WithSettings_BindsTheSectionAndRegistersOneLocator()
    {
        using var provider = Build(new()
        {
            ["SpeedUp:Location:DatabasePath"] = RepositoryDatabase.Path,
            ["SpeedUp:Location:Overrides:0:Cidr"] = "100.64.0.0/10",
            ["SpeedUp:Location:Overrides:0:Carrier"] = "ChinaUnicom",
            ["SpeedUp:Location:Overrides:0:Province"] = "Ningxia",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var locator = provider.GetRequiredService<IIpLocator>();

        Assert.Same(locator, provider.GetRequiredService<IIpLocator>());
        Assert.Same(locator, provider.GetRequiredService<IpLocator>());
        Assert.Equal(
            new IpLocation("中国", "Ningxia", Carrier.ChinaUnicom, "联通", "override"),
            locator.Locate(IPAddress.Parse("100.64.1.1")));
        Assert.Equal("Zhejiang", locator.Locate(IPAddress.Parse("202.101.172.35")).Province);
    }

    [Fact]
    public void DatabasePath_Default_IsRelativeToTheCurrentDirectory()
    {
        Assert.Equal(".data/ip2region.db", new IpLocationOptions().DatabasePath);
    }

    [Fact]
    public void AddIpLocation_MissingDatabaseAndBadOverrides_StartUpValidationReportsThem()
    {
        using var files = new SyntheticDatabase();
        using var provider = Build(new()
        {
            ["SpeedUp:Location:DatabasePath"] = files.MissingPath,
            ["SpeedUp:Location:Overrides:0:Cidr"] = "10.1.2.3/8",
            ["SpeedUp:Location:Overrides:0:Carrier"] = "ChinaTelecom",
            ["SpeedUp:Location:Overrides:0:Province"] = "Atlantis",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Collection(
            error.Failures,
            f => Assert.Contains("scripts/setup.sh", f, StringComparison.Ordinal),
            f => Assert.Contains("did you mean '10.0.0.0/8'", f, StringComparison.Ordinal),
            f => Assert.Contains("Province 'Atlantis'", f, StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddIpLocation();
        return services.BuildServiceProvider();
    }
}
