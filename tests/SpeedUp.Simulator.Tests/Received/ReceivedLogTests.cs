using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Simulator.Tests;

/// <summary>
/// <see cref="BrasSimulator.Received"/>: every CLI line and every SNMP request that reaches the simulated device is
/// recorded — also those that change nothing, which the audit log (state changes only) never shows.
/// </summary>
public sealed class ReceivedLogTests : IAsyncLifetime
{
    private const string RowUp = "1.3.6.1.4.1.3902.6051.1.1.1.5.330100001";
    private BrasSimulator _simulator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _simulator = await BrasSimulator.StartAsync(new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed, WriteCommunity = "w-secret-77" }, Ct);

    public async ValueTask DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task CliLines_ThatChangeNothing_AreRecorded_TheAuditDoesNotShowThem()
    {
        var mark = _simulator.Received.LastSequence;
        var audit = _simulator.State.AuditLog.Count;
        await using var cli = await UnixCliClient.ConnectAsync(_simulator.CliSocketPath);
        await cli.ReadUntilAsync("<CT-BRAS-01>");

        await cli.CommandAsync("display access-user user-name zj0571a0001", "<CT-BRAS-01>");
        await cli.CommandAsync("display current-configuration", "<CT-BRAS-01>");
        await cli.CommandAsync("system-view", "[CT-BRAS-01]");
        await cli.CommandAsync("", "[CT-BRAS-01]");
        await cli.CommandAsync("returx\bn", "<CT-BRAS-01>");

        var received = _simulator.Received.Since(mark);
        Assert.Equal(["display access-user user-name zj0571a0001", "display current-configuration", "system-view", "", "return"], received.Select(r => r.Text));
        Assert.All(received, r => Assert.Equal(CommandFace.Cli, r.Face));
        Assert.All(received, r => Assert.StartsWith("vty ", r.Origin, StringComparison.Ordinal));
        Assert.Equal(audit, _simulator.State.AuditLog.Count);
    }

    [Fact]
    public async Task SnmpRequests_AreRecordedWithTypeOidsAndValues_NeverTheCommunity()
    {
        var mark = _simulator.Received.LastSequence;
        await using var snmp = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromSeconds(2), Retries = 0 });
        await using var wrong = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0 });

        await snmp.GetAsync(_simulator.SnmpEndpoint, "public", [ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0"), ObjectIdentifier.Parse(RowUp)], Ct);
        await snmp.GetNextAsync(_simulator.SnmpEndpoint, "public", [ObjectIdentifier.Parse("1.3.6.1.2.1.1")], Ct);
        await snmp.SetAsync(_simulator.SnmpEndpoint, "w-secret-77", [new VarBind(ObjectIdentifier.Parse(RowUp), new SnmpGauge32(8000))], Ct);
        await Assert.ThrowsAsync<SnmpTimeoutException>(() => wrong.GetAsync(_simulator.SnmpEndpoint, "guess-community", [ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0")], Ct));

        var received = _simulator.Received.Since(mark, CommandFace.Snmp);
        Assert.Equal(
            [$"GET 1.3.6.1.2.1.1.5.0, {RowUp}", "GETNEXT 1.3.6.1.2.1.1", $"SET {RowUp} = Gauge32 8000", "GET 1.3.6.1.2.1.1.5.0"],
            received.Select(r => r.Text));
        Assert.Contains("V2c from 127.0.0.1:", received[0].Origin, StringComparison.Ordinal);
        Assert.EndsWith("(wrong community)", received[3].Origin, StringComparison.Ordinal);
        Assert.All(received, r => Assert.DoesNotContain("w-secret-77", r.Origin + r.Text, StringComparison.Ordinal));
        Assert.All(received, r => Assert.DoesNotContain("guess-community", r.Origin + r.Text, StringComparison.Ordinal));
        Assert.Empty(_simulator.Received.Since(mark, CommandFace.Cli));
    }

    [Fact]
    public void Ring_KeepsTheNewestEntriesPerFace_AndCountsTheDropped()
    {
        var log = new ReceivedLog(3, new ManualTimeProvider(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture)));

        for (var i = 1; i <= 5; i++)
        {
            log.RecordCliLine("line " + i, 1);
        }

        log.RecordSnmpRequest(new SnmpReceivedRequest(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 161), SnmpVersion.V2c, "GET",
            [new VarBind(ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.Null)], null, true));

        Assert.Equal(["line 3", "line 4", "line 5", "GET 1.3.6.1.2.1.1.5.0"], log.All.Select(e => e.Text));
        Assert.Equal([3L, 4, 5, 6], log.All.Select(e => e.Sequence));
        Assert.Equal(2, log.Dropped);
        Assert.Equal(6, log.LastSequence);
        Assert.Equal(["line 5"], log.Since(4, CommandFace.Cli).Select(e => e.Text));
        Assert.All(log.All, e => Assert.Equal(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture), e.Timestamp));
    }
}
