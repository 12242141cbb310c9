using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests;

/// <summary>net-snmp's own tools, run as processes, against our agent.</summary>
public class NetSnmpInteropTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Snmpget_ReadsEveryType()
    {
        await using var fx = await AgentFixture.StartAsync();

        var (exitCode, stdout, stderr) = await NetSnmpTools.RunAsync("snmpget", ["-v", "2c", "-c", "public"], fx.Endpoint,
            ["1.3.6.1.4.1.99.1.0", "1.3.6.1.4.1.99.2.0", "1.3.6.1.4.1.99.3.0", "1.3.6.1.4.1.99.4.0",
             "1.3.6.1.4.1.99.5.0", "1.3.6.1.4.1.99.6.0", "1.3.6.1.4.1.99.7.0", "1.3.6.1.4.1.99.8.0", "1.3.6.1.4.1.99.1.1"], Ct);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(
            """
            .1.3.6.1.4.1.99.1.0 = INTEGER: 42
            .1.3.6.1.4.1.99.2.0 = STRING: "hello"
            .1.3.6.1.4.1.99.3.0 = Gauge32: 1000
            .1.3.6.1.4.1.99.4.0 = Counter32: 7
            .1.3.6.1.4.1.99.5.0 = Timeticks: (12345) 0:02:03.45
            .1.3.6.1.4.1.99.6.0 = IpAddress: 10.1.2.3
            .1.3.6.1.4.1.99.7.0 = OID: .1.3.6.1.4.1.99
            .1.3.6.1.4.1.99.8.0 = Counter64: 1099511627776
            .1.3.6.1.4.1.99.1.1 = No Such Instance currently exists at this OID
            """,
            stdout);
    }

    [Fact]
    public async Task Snmpset_TypesIUS_AreAppliedAndEchoed()
    {
        await using var fx = await AgentFixture.StartAsync();

        var (exitCode, stdout, stderr) = await NetSnmpTools.RunAsync("snmpset", ["-v", "2c", "-c", "private"], fx.Endpoint,
            ["1.3.6.1.4.1.99.1.0", "i", "-5", "1.3.6.1.4.1.99.3.0", "u", "8000", "1.3.6.1.4.1.99.2.0", "s", "speed up"], Ct);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(
            """
            .1.3.6.1.4.1.99.1.0 = INTEGER: -5
            .1.3.6.1.4.1.99.3.0 = Gauge32: 8000
            .1.3.6.1.4.1.99.2.0 = STRING: "speed up"
            """,
            stdout);
        Assert.Equal(new SnmpGauge32(8000), fx.Mib.Get(ObjectIdentifier.Parse("1.3.6.1.4.1.99.3.0")));
        Assert.Equal(SnmpOctetString.FromString("speed up"), fx.Mib.Get(ObjectIdentifier.Parse("1.3.6.1.4.1.99.2.0")));
    }

    [Fact]
    public async Task Snmpset_Errors_AreReportedByNetSnmp()
    {
        await using var fx = await AgentFixture.StartAsync();

        var readOnly = await NetSnmpTools.RunAsync("snmpset", ["-v", "2c", "-c", "private"], fx.Endpoint,
            ["1.3.6.1.4.1.99.4.0", "u", "1"], Ct);
        var wrongCommunity = await NetSnmpTools.RunAsync("snmpset", ["-v", "2c", "-c", "public"], fx.Endpoint,
            ["1.3.6.1.4.1.99.1.0", "i", "1"], Ct);

        Assert.NotEqual(0, readOnly.ExitCode);
        Assert.Contains("notWritable", readOnly.Stderr, StringComparison.Ordinal);
        Assert.Contains("noAccess", wrongCommunity.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("snmpwalk")]
    [InlineData("snmpbulkwalk")]
    public async Task Snmpwalk_ListsTheSubtreeInOrder(string tool)
    {
        await using var fx = await AgentFixture.StartAsync();
        fx.Mib.Add("1.3.6.1.4.1.100.1.0", new SnmpInteger(1));

        var (exitCode, stdout, stderr) = await NetSnmpTools.RunAsync(tool, ["-v", "2c", "-c", "public"], fx.Endpoint, ["1.3.6.1.4.1.99"], Ct);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(
            [
                ".1.3.6.1.4.1.99.1.0 = INTEGER: 42",
                ".1.3.6.1.4.1.99.2.0 = STRING: \"hello\"",
                ".1.3.6.1.4.1.99.3.0 = Gauge32: 1000",
                ".1.3.6.1.4.1.99.4.0 = Counter32: 7",
                ".1.3.6.1.4.1.99.5.0 = Timeticks: (12345) 0:02:03.45",
                ".1.3.6.1.4.1.99.6.0 = IpAddress: 10.1.2.3",
                ".1.3.6.1.4.1.99.7.0 = OID: .1.3.6.1.4.1.99",
                ".1.3.6.1.4.1.99.8.0 = Counter64: 1099511627776",
            ],
            stdout.Split('\n'));
    }

    [Fact]
    public async Task SnmpgetV1_Works()
    {
        await using var fx = await AgentFixture.StartAsync();
        var (exitCode, stdout, stderr) = await NetSnmpTools.RunAsync("snmpget", ["-v", "1", "-c", "public"], fx.Endpoint, ["1.3.6.1.2.1.1.1.0"], Ct);
        Assert.True(exitCode == 0, stderr);
        Assert.Equal(".1.3.6.1.2.1.1.1.0 = STRING: \"SpeedUp test agent\"", stdout);
    }

    [Fact]
    public async Task Snmpget_WrongCommunity_TimesOut()
    {
        await using var fx = await AgentFixture.StartAsync();

        var (exitCode, stdout, stderr) = await NetSnmpTools.RunAsync("snmpget", ["-v", "2c", "-c", "wrong", "-t", "1", "-r", "0"], fx.Endpoint,
            ["1.3.6.1.2.1.1.1.0"], Ct);

        Assert.NotEqual(0, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("Timeout", stderr, StringComparison.Ordinal);
        Assert.Equal(0, fx.Mib.GetCalls);
    }
}
