using System.Net;
using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

public sealed class SeedLoaderTests
{
    private const string ValidLine =
        """{"bandId": 1, "account": "a1", "province": "Zhejiang", "ipAddress": "202.101.172.35", "portFirst": 0, "portLast": 65535, "baseUpKbps": 4000, "baseDownKbps": 50000, "maxUpKbps": 20000, "maxDownKbps": 200000, "speedUpPermitted": true}""";

    [Theory]
    [InlineData("china-telecom.json", "CT-BRAS-01", 300_000_000, 399_999_999)]
    [InlineData("china-unicom.json", "CU-BRAS-01", 400_000_000, 499_999_999)]
    public void LoadFile_ShippedSeed_CoversTheRequiredCases(string file, string hostname, int minBand, int maxBand)
    {
        var seed = SeedLoader.LoadFile(Path.Combine(SimulatorTestPaths.RepositoryRoot, "simulators", "data", file));

        Assert.Equal(hostname, seed.Hostname);
        Assert.InRange(seed.Lines.Count, 10, 14);
        Assert.All(seed.Lines, l => Assert.InRange(l.BandId, minBand, maxBand));
        Assert.True(seed.Lines.Select(l => l.Province).Distinct().Count() >= 4, "several provinces");
        var cgnat = seed.Lines.Where(l => l.IsCgnat).GroupBy(l => l.IpAddress).ToList();
        Assert.Contains(cgnat, g => g.Count() is >= 2 and <= 3);
        Assert.Contains(seed.Lines, l => !l.SpeedUpPermitted);
        Assert.Contains(seed.Lines, l => l.MaxUpKbps == l.BaseUpKbps && l.MaxDownKbps == l.BaseDownKbps);
        Assert.All(seed.Lines, l => Assert.True(l.AtBaseRates));
    }

    [Fact]
    public void LoadFile_BothShippedSeeds_HaveDistinctBandIdsAndAccounts()
    {
        var all = SeedLoader.LoadFile(SimulatorTestPaths.TelecomSeed).Lines
            .Concat(SeedLoader.LoadFile(SimulatorTestPaths.UnicomSeed).Lines).ToList();
        Assert.Equal(all.Count, all.Select(l => l.BandId).Distinct().Count());
        Assert.Equal(all.Count, all.Select(l => l.Account).Distinct().Count());
    }

    [Fact]
    public void Parse_ValidLine_IsLoadedAtItsBaseRates()
    {
        var seed = SeedLoader.Parse(Document(ValidLine));
        var line = Assert.Single(seed.Lines);
        Assert.Equal(IPAddress.Parse("202.101.172.35"), line.IpAddress);
        Assert.Equal((4000, 50000), (line.UpKbps, line.DownKbps));
        Assert.Equal(1, line.AccessIndex);
        Assert.False(line.IsCgnat);
    }

    [Theory]
    [InlineData("\"bandId\": 1,", "", "'bandId' is missing")]
    [InlineData("\"bandId\": 1", "\"bandId\": 0", "bandId 0 must be between 1")]
    [InlineData("\"bandId\": 1", "\"bandId\": 3000000000", "must be between 1 and 2147483647")]
    [InlineData("\"a1\"", "\"bad account!\"", "account 'bad account!' must match")]
    [InlineData("202.101.172.35", "202.101.172", "is not a dotted-quad IPv4 address")]
    [InlineData("202.101.172.35", "::1", "is not a dotted-quad IPv4 address")]
    [InlineData("\"portFirst\": 0", "\"portFirst\": 70000", "portFirst 70000 must be between 0 and 65535")]
    [InlineData("\"portFirst\": 0, \"portLast\": 65535", "\"portFirst\": 2000, \"portLast\": 1000", "portFirst 2000 is greater than portLast 1000")]
    [InlineData("\"baseDownKbps\": 50000", "\"baseDownKbps\": 250000", "baseDownKbps 250000 must be between 64 and 200000")]
    [InlineData("\"baseUpKbps\": 4000", "\"baseUpKbps\": 10", "baseUpKbps 10 must be between 64")]
    [InlineData(", \"speedUpPermitted\": true", "", "'speedUpPermitted' is missing")]
    public void Parse_InvalidLine_ThrowsNamingTheProblemAndFile(string find, string replace, string expected)
    {
        var json = Document(ValidLine.Replace(find, replace, StringComparison.Ordinal));
        var ex = Assert.Throws<SeedValidationException>(() => SeedLoader.Parse(json, "test.json"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("test.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CrossLineConflicts_ListsEveryProblem()
    {
        var second = ValidLine.Replace("\"a1\"", "\"a2\"", StringComparison.Ordinal); // same band id, same address, full block
        var third = ValidLine.Replace("\"bandId\": 1", "\"bandId\": 3", StringComparison.Ordinal);
        var ex = Assert.Throws<SeedValidationException>(() => SeedLoader.Parse(Document(ValidLine, second, third)));
        Assert.Contains(ex.Errors, e => e.Contains("bandId 1 is used by 2 lines", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("account 'a1' is used by 2 lines", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("port blocks overlap on 202.101.172.35", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{", "not valid seed JSON")]
    [InlineData("""{"hostname": "H", "lines": []}""", "'lines' is missing or empty")]
    [InlineData("""{"lines": [ LINE ]}""", "'hostname' is missing")]
    [InlineData("""{"hostname": "bad host", "lines": [ LINE ]}""", "'hostname' \"bad host\" must match")]
    [InlineData("""{"hostname": "H", "extra": 1, "lines": [ LINE ]}""", "not valid seed JSON")]
    public void Parse_InvalidDocument_ThrowsNamingTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<SeedValidationException>(() => SeedLoader.Parse(json.Replace("LINE", ValidLine, StringComparison.Ordinal)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingFile_ThrowsNamingIt()
    {
        var ex = Assert.Throws<SeedValidationException>(() => SeedLoader.LoadFile("/nonexistent/seed.json"));
        Assert.Contains("/nonexistent/seed.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    private static string Document(params string[] lines) =>
        "{ \"hostname\": \"TEST-BRAS\", \"lines\": [" + string.Join(",", lines) + "] }";
}
