extern alias host;

using System.Text.Json;
using SpeedUp.Simulator;
using SpeedUp.Testing;
using SeedCommand = host::SpeedUp.Host.SeedCommand;

namespace SpeedUp.Host.Tests;

/// <summary><c>SpeedUp.Host seed</c>: simulator seeds of real addresses of one carrier and province.</summary>
public sealed class SeedCommandTests
{
    private static readonly string Database = "--SpeedUp:Location:DatabasePath=" + RepositoryPaths.Ip2RegionDatabase;

    [Theory]
    [InlineData("ChinaTelecom", "Hunan", 20)]
    [InlineData("chinaunicom", "inner mongolia", 7)]
    public void Run_CarrierAndProvince_SeedLoadsInTheSimulatorAndEveryAddressLocatesBack(string carrier, string province, int count)
    {
        var (code, output, error) = Run("seed", "--carrier", carrier, "--province", province, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), Database);

        Assert.True(code == 0, error);
        var seed = SeedLoader.Parse(output, "seed command output");
        Assert.Equal(count, seed.Lines.Count);
        Assert.Equal(count, seed.Lines.Select(l => l.IpAddress).Distinct().Count());
        foreach (var line in seed.Lines)
        {
            var (located, json, locateError) = LocateCommandTests.Run("locate", line.IpAddress.ToString(), "--output", "json", Database);
            Assert.True(located == 0, locateError);
            var location = JsonDocument.Parse(json).RootElement;
            Assert.Equal(carrier, location.GetProperty("carrier").GetString(), ignoreCase: true);
            Assert.Equal(line.Province, location.GetProperty("province").GetString());
        }
    }

    [Fact]
    public void Run_Defaults_TwentyHunanTelecomLinesNumberedByProvinceCode()
    {
        var (code, output, error) = Run("seed", "--carrier", "ChinaTelecom", "--province", "Hunan", Database);

        Assert.True(code == 0, error);
        var seed = SeedLoader.Parse(output);
        Assert.Equal("CT-BRAS-HUNAN", seed.Hostname);
        Assert.Equal(20, seed.Lines.Count);
        Assert.Equal(343000001, seed.Lines[0].BandId);
        Assert.Equal("ct43a0001", seed.Lines[0].Account);
        Assert.All(seed.Lines, l => Assert.Equal("Hunan", l.Province));
        Assert.Contains("20 lines of ChinaTelecom in Hunan", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SameArguments_SameSeed_AnotherRandomSeed_OtherAddresses()
    {
        var first = Run("seed", "--carrier", "ChinaTelecom", "--province", "Zhejiang", "--count", "5", Database);
        var again = Run("seed", "--carrier", "ChinaTelecom", "--province", "Zhejiang", "--count", "5", Database);
        var other = Run("seed", "--carrier", "ChinaTelecom", "--province", "Zhejiang", "--count", "5", "--random-seed", "7",
            "--first-band-id", "900", "--hostname", "ZJ-LAB", Database);

        Assert.Equal(first.Output, again.Output);
        Assert.NotEqual(first.Output, other.Output);
        var seed = SeedLoader.Parse(other.Output);
        Assert.Equal("ZJ-LAB", seed.Hostname);
        Assert.Equal(new[] { 900, 901, 902, 903, 904 }, seed.Lines.Select(l => l.BandId));
    }

    [Fact]
    public void Run_OverridesTakingTheProvinceAway_FindsNoAddressAndExitsWith2()
    {
        var (code, output, error) = Run("seed", "--carrier", "ChinaTelecom", "--province", "Hunan", "--count", "3", Database,
            "--SpeedUp:Location:Overrides:0:Cidr=0.0.0.0/0", "--SpeedUp:Location:Overrides:0:Carrier=ChinaUnicom",
            "--SpeedUp:Location:Overrides:0:Province=Beijing");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("only 0 addresses of ChinaTelecom in Hunan locate back", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Cgnat_SharesTheLastAddressInPortBlocks_WhatTheConformanceKitNeeds()
    {
        var (code, output, error) = Run("seed", "--carrier", "ChinaTelecom", "--province", "Hunan", "--count", "6", "--cgnat", "3", Database);

        Assert.True(code == 0, error);
        var seed = SeedLoader.Parse(output);
        Assert.Equal(6, seed.Lines.Count);
        Assert.Equal(4, seed.Lines.Select(l => l.IpAddress).Distinct().Count());
        var shared = seed.Lines.Skip(3).ToList();
        Assert.Single(shared.Select(l => l.IpAddress).Distinct());
        Assert.Equal([(1024, 2047), (2048, 3071), (3072, 4095)], shared.Select(l => (l.PortFirst, l.PortLast)));
        Assert.All(seed.Lines.Take(3), l => Assert.Equal((0, 65535), (l.PortFirst, l.PortLast)));
        Assert.Equal(343000006, seed.Lines[^1].BandId);
    }

    [Theory]
    [InlineData(new[] { "--carrier", "ChinaTelecom", "--province", "Hunan", "--count", "2", "--cgnat", "3" }, "--cgnat 3 is more lines than --count 2")]
    [InlineData(new[] { "--carrier", "ChinaTelecom", "--province", "Atlantis" }, "--province 'Atlantis' is not one of the 31 catalogue provinces")]
    [InlineData(new[] { "--carrier", "ChinaMobile", "--province", "Hunan" }, "--carrier is ChinaTelecom or ChinaUnicom, not 'ChinaMobile'")]
    [InlineData(new[] { "--carrier", "1", "--province", "Hunan" }, "--carrier is ChinaTelecom or ChinaUnicom, not '1'")]
    [InlineData(new[] { "--carrier", "ChinaTelecom", "--province", "Hunan", "--count", "0" }, "--count must be a whole number from 1 to 1000, got '0'")]
    [InlineData(new[] { "--carrier", "ChinaTelecom", "--province", "Hunan", "--count", "1001" }, "--count must be a whole number from 1 to 1000, got '1001'")]
    [InlineData(new[] { "--carrier", "ChinaTelecom", "--province", "Hunan", "--count", "ten" }, "--count must be a whole number")]
    [InlineData(new[] { "--carrier", "ChinaTelecom", "--province", "Hunan", "--first-band-id", "0" }, "--first-band-id must be a whole number from 1")]
    [InlineData(new[] { "--carrier", "ChinaTelecom", "--province", "Hunan", "--hostname", "CT BRAS" }, "--hostname 'CT BRAS' must be")]
    [InlineData(new[] { "--province", "Hunan" }, "usage: SpeedUp.Host seed")]
    [InlineData(new[] { "--carrier", "ChinaTelecom", "--province" }, "--province needs a value")]
    public void Run_BadInput_ExitsWith2NamingTheProblem(string[] args, string expected)
    {
        var (code, output, error) = Run(["seed", Database, .. args]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = SeedCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
