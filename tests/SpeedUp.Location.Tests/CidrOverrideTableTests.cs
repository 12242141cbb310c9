using System.Net;
using SpeedUp.Drivers;
using SpeedUp.Location;

namespace SpeedUp.Location.Tests;

public sealed class CidrOverrideTableTests
{
    [Fact]
    public void Match_OverlappingPrefixesInAnyOrder_LongestPrefixWins()
    {
        var table = new CidrOverrideTable(
        [
            Entry("10.0.0.0/8", Carrier.ChinaTelecom, "Zhejiang"),
            Entry("10.1.2.0/24", Carrier.ChinaUnicom, "Beijing"),
            Entry("10.1.0.0/16", Carrier.ChinaTelecom, "Sichuan"),
        ]);

        Assert.Equal("Beijing", table.Match(IPAddress.Parse("10.1.2.3"))?.Province);
        Assert.Equal("Sichuan", table.Match(IPAddress.Parse("10.1.3.3"))?.Province);
        Assert.Equal("Zhejiang", table.Match(IPAddress.Parse("10.2.0.1"))?.Province);
        Assert.Null(table.Match(IPAddress.Parse("11.0.0.1")));
    }

    [Fact]
    public void Match_NetworkBoundariesAndSingleHosts_AreMatchedExactly()
    {
        var table = new CidrOverrideTable(
        [
            Entry("192.168.4.0/22", Carrier.ChinaUnicom, "Hebei"),
            Entry("192.168.5.5/32", Carrier.ChinaTelecom, "Hunan"),
        ]);

        Assert.Equal("Hebei", table.Match(IPAddress.Parse("192.168.4.0"))?.Province);
        Assert.Equal("Hebei", table.Match(IPAddress.Parse("192.168.7.255"))?.Province);
        Assert.Null(table.Match(IPAddress.Parse("192.168.8.0")));
        Assert.Null(table.Match(IPAddress.Parse("192.168.3.255")));
        Assert.Equal(Carrier.ChinaTelecom, table.Match(IPAddress.Parse("192.168.5.5"))?.Carrier);
    }

    [Fact]
    public void Constructor_LowerCaseProvince_NormalizesTheSpelling()
    {
        var table = new CidrOverrideTable([Entry("10.0.0.0/8", Carrier.ChinaTelecom, "inner mongolia")]);

        Assert.Equal("Inner Mongolia", Assert.Single(table.Entries).Province);
    }

    [Theory]
    [InlineData("", "Cidr is required")]
    [InlineData("10.0.0.0", "not a valid IPv4 network")]
    [InlineData("10.0.0.0/33", "not a valid IPv4 network")]
    [InlineData("banana/8", "not a valid IPv4 network")]
    [InlineData("10.1.2.3/8", "did you mean '10.0.0.0/8'")]
    [InlineData("2001:db8::/32", "not IPv4")]
    public void Constructor_BadCidr_Throws(string cidr, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new CidrOverrideTable([Entry(cidr, Carrier.ChinaTelecom, "Zhejiang")]));

        Assert.Contains("SpeedUp:Location:Overrides:0", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingCarrierUnknownProvinceAndDuplicates_ListsThemAll()
    {
        var errors = CidrOverrideTable.Validate(
        [
            Entry("10.0.0.0/8", null, "Zhejiang"),
            Entry("11.0.0.0/8", (Carrier)7, "Zhejiang"),
            Entry("12.0.0.0/8", Carrier.ChinaUnicom, "Zhejaing"),
            Entry("13.0.0.0/8", Carrier.ChinaUnicom, null),
            Entry("10.0.0.0/8", Carrier.ChinaUnicom, "Beijing"),
        ]);

        Assert.Collection(
            errors,
            e => Assert.Contains("Overrides:0: Carrier is required", e, StringComparison.Ordinal),
            e => Assert.Contains("Overrides:1: Carrier is required", e, StringComparison.Ordinal),
            e => Assert.Contains("Overrides:2: Province 'Zhejaing'", e, StringComparison.Ordinal),
            e => Assert.Contains("Overrides:3: Province ''", e, StringComparison.Ordinal),
            e => Assert.Contains("Overrides:4: Cidr '10.0.0.0/8' is already overridden by SpeedUp:Location:Overrides:0", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Match_EmptyTable_MatchesNothing() => Assert.Null(CidrOverrideTable.Empty.Match(IPAddress.Parse("1.2.3.4")));

    internal static IpLocationOverrideOptions Entry(string cidr, Carrier? carrier, string? province) =>
        new() { Cidr = cidr, Carrier = carrier, Province = province };
}
