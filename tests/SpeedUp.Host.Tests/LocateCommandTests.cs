extern alias host;

using System.Text.Json;
using SpeedUp.Testing;
using LocateCommand = host::SpeedUp.Host.LocateCommand;

namespace SpeedUp.Host.Tests;

/// <summary><c>SpeedUp.Host locate</c>: where the service's pre-check places an address, overrides applied.</summary>
public sealed class LocateCommandTests
{
    private static readonly string Database = "--SpeedUp:Location:DatabasePath=" + RepositoryPaths.Ip2RegionDatabase;

    [Fact]
    public void Run_KnownAddress_PrintsCarrierProvinceAndIsp()
    {
        var (code, output, error) = Run("locate", "202.101.172.35", Database);

        Assert.True(code == 0, error);
        Assert.Contains("province  Zhejiang", output, StringComparison.Ordinal);
        Assert.Contains("carrier   ChinaTelecom", output, StringComparison.Ordinal);
        Assert.Contains("isp       电信", output, StringComparison.Ordinal);
        Assert.Contains("source    ip2region", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_JsonOutput_IsTheLocation()
    {
        var (code, output, error) = Run("locate", "222.246.129.80", "--output", "json", Database);

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Hunan", json.GetProperty("province").GetString());
        Assert.Equal("ChinaTelecom", json.GetProperty("carrier").GetString());
        Assert.Equal("ip2region", json.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("override").ValueKind);
    }

    [Fact]
    public void Run_ConfiguredOverride_WinsAndIsNamed()
    {
        var (code, output, error) = Run("locate", "202.101.172.35", "--output", "json", Database,
            "--SpeedUp:Location:Overrides:0:Cidr=202.101.172.0/24", "--SpeedUp:Location:Overrides:0:Carrier=ChinaUnicom",
            "--SpeedUp:Location:Overrides:0:Province=Hunan");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("Hunan", json.GetProperty("province").GetString());
        Assert.Equal("ChinaUnicom", json.GetProperty("carrier").GetString());
        Assert.Equal("override", json.GetProperty("source").GetString());
        Assert.Equal("202.101.172.0/24", json.GetProperty("override").GetString());
    }

    [Fact]
    public void Run_AddressOfAnotherCarrier_SaysNoCarrier()
    {
        var (code, output, _) = Run("locate", "211.136.17.107", Database);

        Assert.Equal(0, code);
        Assert.Contains("carrier   - (neither China Telecom nor China Unicom)", output, StringComparison.Ordinal);
        Assert.Contains("isp       移动", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2.3", "is not a dotted IPv4 address")]
    [InlineData("202.101.172.035", "is not a dotted IPv4 address")]
    [InlineData("::1", "is not a dotted IPv4 address")]
    public void Run_MalformedAddress_ExitsWith2(string address, string expected)
    {
        var (code, output, error) = Run("locate", address, Database);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "locate" }, "usage: SpeedUp.Host locate")]
    [InlineData(new[] { "locate", "202.101.172.35", "--output", "xml" }, "--output is 'text' or 'json', not 'xml'")]
    [InlineData(new[] { "locate", "202.101.172.35", "--ouptut", "json" }, "unknown option '--ouptut'")]
    [InlineData(new[] { "locate", "202.101.172.35", "--SpeedUp:Location:DatabasePath=/nonexistent/ip2region.db" }, "SpeedUp:Location:DatabasePath")]
    [InlineData(new[] { "locate", "202.101.172.35", "--SpeedUp:Location:Overrides:0:Cidr=10.1.2.3/8" }, "has host bits set")]
    public void Run_BadInput_ExitsWith2NamingTheProblem(string[] args, string expected)
    {
        var (code, _, error) = Run(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = LocateCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
