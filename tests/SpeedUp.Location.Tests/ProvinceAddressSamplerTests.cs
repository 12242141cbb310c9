using System.Net;
using SpeedUp.Drivers;
using SpeedUp.Location;

namespace SpeedUp.Location.Tests;

public sealed class ProvinceAddressSamplerTests
{
    private static ProvinceAddressSampler Sampler(CidrOverrideTable? overrides = null) =>
        new(RepositoryDatabase.Database, new IpLocator(RepositoryDatabase.Database, overrides ?? CidrOverrideTable.Empty));

    [Theory]
    [InlineData(Carrier.ChinaTelecom, "Hunan")]
    [InlineData(Carrier.ChinaUnicom, "Shandong")]
    [InlineData(Carrier.ChinaTelecom, "Tibet")]
    public void Sample_CarrierAndProvince_DistinctAddressesThatLocateBack(Carrier carrier, string province)
    {
        var locator = new IpLocator(RepositoryDatabase.Database, CidrOverrideTable.Empty);

        var addresses = Sampler().Sample(carrier, province, 25, randomSeed: 3);

        Assert.Equal(25, addresses.Distinct().Count());
        Assert.All(addresses, address =>
        {
            var location = locator.Locate(address);
            Assert.Equal((carrier, province), (location.Carrier!.Value, location.Province!));
            Assert.InRange(address.GetAddressBytes()[3], (byte)1, (byte)254);
        });
    }

    [Fact]
    public void Sample_SameRandomSeed_SameAddresses()
    {
        Assert.Equal(Sampler().Sample(Carrier.ChinaTelecom, "Zhejiang", 10, 42), Sampler().Sample(Carrier.ChinaTelecom, "Zhejiang", 10, 42));
        Assert.NotEqual(Sampler().Sample(Carrier.ChinaTelecom, "Zhejiang", 10, 42), Sampler().Sample(Carrier.ChinaTelecom, "Zhejiang", 10, 43));
    }

    [Fact]
    public void Sample_AnOverrideMovingARangeAway_SkipsItsAddresses()
    {
        var overrides = new CidrOverrideTable([new IpLocationOverrideOptions { Cidr = "222.240.0.0/13", Carrier = Carrier.ChinaUnicom, Province = "Beijing" }]);
        var moved = IPNetwork.Parse("222.240.0.0/13");
        Assert.True(Sampler().RangesOf(Carrier.ChinaTelecom, "Hunan").Any(r => moved.Contains(Address(r.Start))), "ip2region puts part of 222.240.0.0/13 in Hunan Telecom");

        var addresses = Sampler(overrides).Sample(Carrier.ChinaTelecom, "Hunan", 50, 1);

        Assert.Equal(50, addresses.Count);
        Assert.DoesNotContain(addresses, moved.Contains);
    }

    [Fact]
    public void RangesOf_EveryRangeIsOfThatCarrierAndProvince_AndRangesAreAscending()
    {
        var ranges = Sampler().RangesOf(Carrier.ChinaUnicom, "Beijing");

        Assert.NotEmpty(ranges);
        Assert.All(ranges, r => Assert.Equal(("联通", "Beijing"), (r.Record.Isp, ProvinceNames.FromChinese(r.Record.Province))));
        Assert.True(ranges.Zip(ranges.Skip(1)).All(p => p.First.End < p.Second.Start));
        Assert.Equal(RepositoryDatabase.Database.Count, RepositoryDatabase.Database.Ranges().Count());
    }

    [Fact]
    public void Sample_ProvinceWithoutThatCarriersRanges_IsEmpty()
    {
        Assert.Empty(Sampler().Sample(Carrier.ChinaTelecom, "Atlantis", 5, 1));
    }

    private static IPAddress Address(uint ip) => new([(byte)(ip >> 24), (byte)(ip >> 16), (byte)(ip >> 8), (byte)ip]);
}
