using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>The SNMP face against net-snmp's own tools (snmpget, snmpgetnext, snmpset, snmpwalk, snmpbulkwalk).</summary>
public sealed class SnmpInteropTests : IAsyncLifetime
{
    private const string Table = ".1.3.6.1.4.1.3902.6051.1.1.1";
    private const string ByAddr = ".1.3.6.1.4.1.3902.6051.1.2.1.1";
    private BrasSimulator _simulator = null!;

    public async ValueTask InitializeAsync() =>
        _simulator = await BrasSimulator.StartAsync(new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed }, CancellationToken.None);

    public ValueTask DisposeAsync() => _simulator.DisposeAsync();

    private Task<(int ExitCode, string Output, string Error)> Run(string tool, string community, params string[] arguments) =>
        NetSnmpTool.RunAsync(tool, _simulator.SnmpEndpoint, community, arguments);

    [Fact]
    public async Task Snmpget_SystemGroupAndRowOids_ReadsTheirValues()
    {
        var (exit, output, error) = await Run("snmpget", "public",
            ".1.3.6.1.2.1.1.5.0", Table + ".1.330100001", Table + ".2.330100001", Table + ".3.330100004", Table + ".4.330100004",
            Table + ".5.330100001", Table + ".6.330100001", Table + ".8.330100001", Table + ".9.351000002");
        Assert.True(exit == 0, error);
        Assert.Equal(string.Join("\n",
            ".1.3.6.1.2.1.1.5.0 = STRING: \"CT-BRAS-01\"",
            Table + ".1.330100001 = STRING: \"zj0571a0001\"",
            Table + ".2.330100001 = IpAddress: 202.101.172.35",
            Table + ".3.330100004 = INTEGER: 2048",
            Table + ".4.330100004 = INTEGER: 3071",
            Table + ".5.330100001 = Gauge32: 4000",
            Table + ".6.330100001 = Gauge32: 50000",
            Table + ".8.330100001 = Gauge32: 200000",
            Table + ".9.351000002 = INTEGER: 2"), output);
    }

    [Fact]
    public async Task Snmpget_AbsentInstanceAndObject_ReportsNoSuchInstanceAndNoSuchObject()
    {
        var (_, output, _) = await Run("snmpget", "public", Table + ".6.12345", ".1.3.6.1.4.1.9999.1.0");
        Assert.Contains(Table + ".6.12345 = No Such Instance currently exists at this OID", output, StringComparison.Ordinal);
        Assert.Contains(".1.3.6.1.4.1.9999.1.0 = No Such Object available on this agent at this OID", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snmpgetnext_AddressAndPort_FindsTheCgnatLineBehindIt()
    {
        // port 2500 on 202.101.172.100: GETNEXT ...202.101.172.100.2499 -> the block ending at 3071
        var (exit, output, error) = await Run("snmpgetnext", "public", ByAddr + ".202.101.172.100.2499");
        Assert.True(exit == 0, error);
        Assert.Equal(ByAddr + ".202.101.172.100.3071 = INTEGER: 330100004", output);
    }

    [Theory]
    [InlineData("snmpwalk")]
    [InlineData("snmpbulkwalk")]
    public async Task Walk_FromRoot_CoversTheWholeViewInOrder(string tool)
    {
        var (exit, output, error) = await Run(tool, "public", ".1");
        Assert.True(exit == 0, error);
        // net-snmp ends a walk of .1 with a "No more variables left in this MIB View" line
        Assert.EndsWith("= No more variables left in this MIB View (It is past the end of the MIB tree)", output, StringComparison.Ordinal);
        var lines = output.Split('\n').SkipLast(1).ToArray();
        Assert.Equal(3 + (_simulator.State.Lines.Count * 10), lines.Length);
        Assert.StartsWith(".1.3.6.1.2.1.1.1.0 = STRING: \"SpeedUp BRAS simulator CT-BRAS-01", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(".1.3.6.1.2.1.1.3.0 = Timeticks:", lines[1], StringComparison.Ordinal);
        Assert.Equal(ByAddr + ".222.172.200.69.65535 = INTEGER: 353000002", lines[^1]);
    }

    [Fact]
    public async Task Snmpset_ValidRates_ChangesTheRateTheCliShows()
    {
        var (exit, output, error) = await Run("snmpset", "private", Table + ".6.330100001", "u", "150000", Table + ".5.330100001", "i", "10000");
        Assert.True(exit == 0, error);
        Assert.Equal(Table + ".6.330100001 = Gauge32: 150000\n" + Table + ".5.330100001 = INTEGER: 10000", output);
        var line = _simulator.State.FindByBandId(330100001)!;
        Assert.Equal((10000, 150000), (line.UpKbps, line.DownKbps));
        var audit = Assert.Single(_simulator.State.AuditLog);
        Assert.Equal((CommandFace.Snmp, "applied"), (audit.Face, audit.Outcome));

        await using var cli = await UnixCliClient.ConnectAsync(_simulator.CliSocketPath);
        await cli.ReadUntilAsync("<CT-BRAS-01>");
        Assert.Contains("Outbound CAR CIR (kbps)       : 150000",
            await cli.CommandAsync("display access-user user-name zj0571a0001", "<CT-BRAS-01>"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("private", Table + ".6.330100001", "u", "200001", "wrongValue")]
    [InlineData("private", Table + ".5.330100001", "u", "63", "wrongValue")]
    [InlineData("private", Table + ".6.361000002", "u", "100001", "wrongValue")]
    [InlineData("private", Table + ".6.999", "u", "1000", "noCreation")]
    [InlineData("private", Table + ".8.330100001", "u", "1000", "notWritable")]
    [InlineData("private", ".1.3.6.1.2.1.1.5.0", "s", "X", "notWritable")]
    [InlineData("private", Table + ".6.330100001", "s", "1000", "wrongType")]
    [InlineData("public", Table + ".6.330100001", "u", "1000", "noAccess")]
    public async Task Snmpset_BadRequest_FailsWithTheDocumentedStatus(string community, string oid, string type, string value, string status)
    {
        var (exit, _, error) = await Run("snmpset", community, oid, type, value);
        Assert.NotEqual(0, exit);
        Assert.Contains("Reason: " + status, error, StringComparison.Ordinal);
        Assert.Contains("Failed object: " + oid, error, StringComparison.Ordinal);
        Assert.All(_simulator.State.Lines, l => Assert.True(l.AtBaseRates));
    }

    [Fact]
    public async Task Snmpset_MultiVarbindWithOneBadValue_AppliesNothing()
    {
        var (exit, _, error) = await Run("snmpset", "private", Table + ".5.330100001", "u", "8000", Table + ".6.330100002", "u", "999999");
        Assert.NotEqual(0, exit);
        Assert.Contains("Reason: wrongValue", error, StringComparison.Ordinal);
        Assert.Contains("Failed object: " + Table + ".6.330100002", error, StringComparison.Ordinal);
        Assert.True(_simulator.State.FindByBandId(330100001)!.AtBaseRates);
    }
}
