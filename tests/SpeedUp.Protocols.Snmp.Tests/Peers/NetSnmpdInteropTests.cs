using SpeedUp.Protocols.Snmp.Tests.Peers;

namespace SpeedUp.Protocols.Snmp.Tests;

/// <summary>
/// Our manager (v2c) against a real net-snmp 5.9 snmpd; the read-write table is served by the
/// pass_persist_rates.py script, so SETs are observable. Rejections are asserted as snmpd really answers.
/// </summary>
public sealed class NetSnmpdInteropTests(NetSnmpdPeer snmpd) : IClassFixture<NetSnmpdPeer>
{
    private const string Public = NetSnmpdProcess.ReadCommunity;
    private const string Private = NetSnmpdProcess.WriteCommunity;
    private static readonly ObjectIdentifier SysUpTime = ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SnmpManager NewManager(int timeoutMs = 2000, int retries = 1) =>
        new(new SnmpManagerOptions { Timeout = TimeSpan.FromMilliseconds(timeoutMs), Retries = retries });

    [Fact]
    public async Task Get_ReadsTheTableAndBuiltIns_WithSnmpdsExceptionValues()
    {
        await using var manager = NewManager();

        var result = await manager.GetAsync(snmpd.Endpoint, Public,
            [NetSnmpdPeer.Rate(1, 2), NetSnmpdPeer.Rate(3, 2), NetSnmpdPeer.Rate(4, 2), SysUpTime, NetSnmpdPeer.Rate(2, 9),
             ObjectIdentifier.Parse("1.3.6.1.4.1.3902.6051.1.1.2")], Ct);

        Assert.Equal(new SnmpInteger(2), result[0].Value);
        Assert.Equal(new SnmpGauge32(100000), result[1].Value);
        Assert.Equal(new SnmpInteger(10000), result[2].Value);
        Assert.IsType<SnmpTimeTicks>(result[3].Value);
        // pass_persist answering NONE is noSuchInstance inside the registered subtree; outside it, noSuchObject.
        Assert.Equal(SnmpValue.NoSuchInstance, result[4].Value);
        Assert.Equal(SnmpValue.NoSuchObject, result[5].Value);
    }

    [Fact]
    public async Task GetNext_WalksTheTableColumnByColumn()
    {
        await using var manager = NewManager();
        var walked = new List<VarBind>();
        var oid = ObjectIdentifier.Parse(NetSnmpdProcess.RatesRoot);
        for (var i = 0; i < 50; i++)
        {
            var next = Assert.Single(await manager.GetNextAsync(snmpd.Endpoint, Public, [oid], Ct));
            if (!next.Oid.StartsWith(NetSnmpdPeer.RatesEntry))
            {
                break;
            }

            walked.Add(next);
            oid = next.Oid;
        }

        Assert.Equal(12, walked.Count);
        Assert.Equal(
            [NetSnmpdPeer.Rate(1, 1), NetSnmpdPeer.Rate(1, 2), NetSnmpdPeer.Rate(1, 3), NetSnmpdPeer.Rate(2, 1)],
            walked.Take(4).Select(v => v.Oid));
        // Row 3's values belong to Set_ThroughPassPersist_IsSeenByLaterGets (same snmpd, any order): only the
        // position and the type of the walk's last variable are this test's business.
        Assert.Equal(NetSnmpdPeer.Rate(4, 3), walked[^1].Oid);
        Assert.IsType<SnmpInteger>(walked[^1].Value);
    }

    [Fact]
    public async Task GetBulk_NonRepeaterAndRepetitions()
    {
        await using var manager = NewManager();

        var result = await manager.GetBulkAsync(snmpd.Endpoint, Public, 1, 4,
            [ObjectIdentifier.Parse("1.3.6.1.2.1.1.2.0"), ObjectIdentifier.Parse(NetSnmpdProcess.RatesRoot)], Ct);

        Assert.Equal(
            ["1.3.6.1.2.1.1.3.0", .. new[] { (1, 1), (1, 2), (1, 3), (2, 1) }.Select(r => NetSnmpdPeer.Rate(r.Item1, r.Item2).ToString())],
            result.Select(v => v.Oid.ToString()));
    }

    [Fact]
    public async Task Set_ThroughPassPersist_IsSeenByLaterGets()
    {
        await using var manager = NewManager();
        var name = "plan-" + Guid.NewGuid().ToString("N")[..8];

        // Three SETs in a row, then GETs: a script that stumbled on snmpd's blank line after each set
        // would fall out of step here and answer noSuchInstance.
        var echoed = await manager.SetAsync(snmpd.Endpoint, Private,
            [new(NetSnmpdPeer.Rate(2, 3), SnmpOctetString.FromString(name)), new(NetSnmpdPeer.Rate(3, 3), new SnmpGauge32(123456))], Ct);
        await manager.SetAsync(snmpd.Endpoint, Private, [new(NetSnmpdPeer.Rate(4, 3), new SnmpInteger(4321))], Ct);
        await manager.SetAsync(snmpd.Endpoint, Private, [new(NetSnmpdPeer.Rate(4, 3), new SnmpInteger(4322))], Ct);
        var read = await manager.GetAsync(snmpd.Endpoint, Public, [NetSnmpdPeer.Rate(2, 3), NetSnmpdPeer.Rate(3, 3), NetSnmpdPeer.Rate(4, 3)], Ct);

        Assert.Equal([SnmpOctetString.FromString(name), new SnmpGauge32(123456)], echoed.Select(v => (SnmpValue)v.Value));
        Assert.Equal([SnmpOctetString.FromString(name), new SnmpGauge32(123456), new SnmpInteger(4322)], read.Select(v => v.Value));
    }

    [Theory]
    [InlineData(3, "integer", SnmpErrorStatus.WrongType)]
    [InlineData(1, "integer", SnmpErrorStatus.NotWritable)]
    [InlineData(4, "too large", SnmpErrorStatus.WrongValue)]
    public async Task Set_Rejections_AreSnmpdsErrorStatus(int column, string what, SnmpErrorStatus expected)
    {
        await using var manager = NewManager();
        SnmpValue value = what == "too large" ? new SnmpInteger(99_999_999) : new SnmpInteger(5);

        var error = await Assert.ThrowsAsync<SnmpErrorException>(
            () => manager.SetAsync(snmpd.Endpoint, Private, [new(NetSnmpdPeer.Rate(column, 1), value)], Ct));

        Assert.Equal(expected, error.Status);
        Assert.Equal(1, error.ErrorIndex);
    }

    [Fact]
    public async Task WrongCommunity_IsDroppedBySnmpd_AndTimesOut()
    {
        await using var manager = NewManager(timeoutMs: 300, retries: 0);

        await Assert.ThrowsAsync<SnmpTimeoutException>(() => manager.GetAsync(snmpd.Endpoint, "not-a-community", [SysUpTime], Ct));
    }

    [Fact]
    public async Task Set_WithTheReadOnlyCommunity_IsNoAccess()
    {
        // net-snmp 5.9.3 answers noAccess (error-index 1) when the community's VACM write view is empty
        // (snmpset -c public here prints "Reason: noAccess"; also recorded in shared/docs/real-peers.md).
        await using var manager = NewManager();

        var error = await Assert.ThrowsAsync<SnmpErrorException>(
            () => manager.SetAsync(snmpd.Endpoint, Public, [new(NetSnmpdPeer.Rate(3, 1), new SnmpGauge32(1))], Ct));
        var unchanged = await manager.GetAsync(snmpd.Endpoint, Public, [NetSnmpdPeer.Rate(3, 1)], Ct);

        Assert.Equal(SnmpErrorStatus.NoAccess, error.Status);
        Assert.Equal(1, error.ErrorIndex);
        Assert.NotEqual(new SnmpGauge32(1), unchanged[0].Value);
    }

    [Fact]
    public async Task SixtyFourConcurrentGets_OverOneManager_EachGetsItsOwnAnswer()
    {
        await using var manager = NewManager(timeoutMs: 3000);
        var oids = Enumerable.Range(0, 64).Select(i => NetSnmpdPeer.Rate(1, (i % 3) + 1)).ToArray();

        var results = await Task.WhenAll(oids.Select(oid => manager.GetAsync(snmpd.Endpoint, Public, [oid], Ct)));

        for (var i = 0; i < oids.Length; i++)
        {
            var binding = Assert.Single(results[i]);
            Assert.Equal(oids[i], binding.Oid);
            Assert.Equal(new SnmpInteger((i % 3) + 1), binding.Value);
        }
    }
}
