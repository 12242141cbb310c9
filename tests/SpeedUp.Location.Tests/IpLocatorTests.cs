using System.Net;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Location;
using SpeedUp.Drivers;
using SpeedUp.Location;

namespace SpeedUp.Location.Tests;

public sealed class IpLocatorTests
{
    private static IpLocator Locator => new(RepositoryDatabase.Database, CidrOverrideTable.Empty);

    [Theory]
    [InlineData("202.101.172.35", "Zhejiang", Carrier.ChinaTelecom, "电信")]
    [InlineData("61.139.2.69", "Sichuan", Carrier.ChinaTelecom, "电信")]
    [InlineData("202.106.0.20", "Beijing", Carrier.ChinaUnicom, "联通")]
    [InlineData("221.11.1.67", "Shaanxi", Carrier.ChinaUnicom, "联通")]
    [InlineData("222.172.200.68", "Yunnan", Carrier.ChinaTelecom, "电信")]
    [InlineData("221.7.128.68", "Guangxi", Carrier.ChinaUnicom, "联通")]
    [InlineData("218.2.2.2", "Jiangsu", Carrier.ChinaTelecom, "电信")]
    [InlineData("211.136.17.107", "Beijing", null, "移动")]
    public void Locate_MainlandAddress_HasProvinceAndCarrier(string address, string province, Carrier? carrier, string isp)
    {
        var location = Locator.Locate(IPAddress.Parse(address));

        Assert.Equal(new IpLocation("中国", province, carrier, isp, "ip2region"), location);
    }

    [Theory]
    [InlineData("210.0.255.250")] // Hong Kong
    [InlineData("202.175.3.8")] // Macau
    [InlineData("168.95.1.1")] // Taiwan, 中华电信
    public void Locate_ChineseAddressOutsideTheMainland_HasNoProvinceOrCarrier(string address)
    {
        var location = Locator.Locate(IPAddress.Parse(address));

        Assert.Equal("中国", location.Country);
        Assert.Null(location.Province);
        Assert.Null(location.Carrier);
    }

    [Fact]
    public void Locate_ForeignAddress_HasNoProvinceOrCarrier()
    {
        var location = Locator.Locate(IPAddress.Parse("8.8.8.8"));

        Assert.Equal(new IpLocation("美国", null, null, "Level3", "ip2region"), location);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.1.1")]
    public void Locate_PrivateAddress_HasNoCarrier(string address)
    {
        var location = Locator.Locate(IPAddress.Parse(address));

        Assert.Equal(new IpLocation("", null, null, "内网IP", "ip2region"), location);
    }

    [Fact]
    public void Locate_IPv4MappedIPv6_IsLocatedAsIPv4()
    {
        var location = Locator.Locate(IPAddress.Parse("::ffff:202.101.172.35"));

        Assert.Equal("Zhejiang", location.Province);
        Assert.Equal(Carrier.ChinaTelecom, location.Carrier);
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("240e:1::1")]
    public void Locate_IPv6Address_GetsAnEmptyLocation(string address)
    {
        var location = Locator.Locate(IPAddress.Parse(address));

        Assert.Equal(new IpLocation("", null, null, "", "ip2region"), location);
    }

    [Fact]
    public void Locate_WithOverrides_OverrideWinsOverIp2regionAndLongestPrefixWins()
    {
        var overrides = new CidrOverrideTable(
        [
            CidrOverrideTableTests.Entry("202.101.0.0/16", Carrier.ChinaUnicom, "Hebei"),
            CidrOverrideTableTests.Entry("202.101.172.0/24", Carrier.ChinaUnicom, "Tibet"),
            CidrOverrideTableTests.Entry("127.0.0.0/8", Carrier.ChinaTelecom, "Shanghai"),
        ]);
        var locator = new IpLocator(RepositoryDatabase.Database, overrides);

        Assert.Equal(new IpLocation("中国", "Tibet", Carrier.ChinaUnicom, "联通", "override"), locator.Locate(IPAddress.Parse("202.101.172.35")));
        Assert.Equal(new IpLocation("中国", "Hebei", Carrier.ChinaUnicom, "联通", "override"), locator.Locate(IPAddress.Parse("202.101.1.1")));
        Assert.Equal(new IpLocation("中国", "Shanghai", Carrier.ChinaTelecom, "电信", "override"), locator.Locate(IPAddress.Parse("127.0.0.1")));
        Assert.Equal("ip2region", locator.Locate(IPAddress.Parse("61.139.2.69")).Source);
    }

    [Fact]
    public void Locate_OptionsConstructorWithMissingFile_LoadsLazilyAndReportsTheFileOnUse()
    {
        using var files = new SyntheticDatabase();
        var options = new IpLocationOptions { DatabasePath = files.MissingPath };
        var locator = new IpLocator(Options.Create(options));

        var error = Assert.Throws<FileNotFoundException>(() => locator.Locate(IPAddress.Parse("1.2.3.4")));

        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_OptionsConstructor_UsesTheConfiguredDatabase()
    {
        using var files = new SyntheticDatabase();
        var options = new IpLocationOptions
        {
            DatabasePath = files.Write(SyntheticDatabase.Build((0, uint.MaxValue, "中国|0|内蒙古|呼和浩特市|网通"))),
        };
        var locator = new IpLocator(Options.Create(options));

        Assert.Equal(
            new IpLocation("中国", "Inner Mongolia", Carrier.ChinaUnicom, "网通", "ip2region"),
            locator.Locate(IPAddress.Parse("1.2.3.4")));
    }
}
