using System.Net;

namespace SpeedUp.Drivers.Conformance.Runner.Tests;

public sealed class SeedSampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("speedup-seed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void From_TheTelecomSeed_PicksTheLoneLineAndTheSecondLineBehindTheCgnatAddress()
    {
        var root = DialectVendors.FindRepositoryRoot(AppContext.BaseDirectory)!;

        var sample = SeedSample.From(Path.Combine(root, "simulators", "data", "china-telecom.json"));

        Assert.Equal(new LineReference(330100001, "zj0571a0001"), sample.KnownLine.Reference);
        Assert.Equal(IPAddress.Parse("202.101.172.35"), sample.KnownLine.Address);
        Assert.Equal(443, sample.KnownLine.Port);
        Assert.Equal(IPAddress.Parse("202.101.172.100"), sample.Cgnat.Address);
        Assert.Equal(new LineReference(330100004, "zj0571a0004"), sample.Cgnat.ExpectedLine);
        Assert.InRange(sample.Cgnat.PortInBlock, 2048, 3071);
        Assert.Equal(80, sample.Cgnat.PortOutsideAnyBlock);
        Assert.Equal("Zhejiang", sample.Province);
    }

    [Fact]
    public void From_ASeedWithoutACgnatAddress_SaysWhatToAdd()
    {
        var seed = Write("""{"hostname":"X","lines":[""" + Line(1, "a1", "202.101.172.35", 0, 65535) + "]}");

        var error = Assert.Throws<InvalidOperationException>(() => SeedSample.From(seed));

        Assert.Contains("no address shared by several lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_ASeedWithoutALoneLine_SaysWhatToAdd()
    {
        var seed = Write("""{"hostname":"X","lines":[""" + Line(1, "a1", "202.101.172.100", 1024, 2047) + "," + Line(2, "a2", "202.101.172.100", 2048, 3071) + "]}");

        var error = Assert.Throws<InvalidOperationException>(() => SeedSample.From(seed));

        Assert.Contains("alone on its address", error.Message, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_folder, "seed.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Line(int band, string account, string address, int first, int last) =>
        $$"""{"bandId":{{band}},"account":"{{account}}","province":"Zhejiang","ipAddress":"{{address}}","portFirst":{{first}},"portLast":{{last}},"baseUpKbps":4000,"baseDownKbps":50000,"maxUpKbps":20000,"maxDownKbps":200000,"speedUpPermitted":true}""";
}
