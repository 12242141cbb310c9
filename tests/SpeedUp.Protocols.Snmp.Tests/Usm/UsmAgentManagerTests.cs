using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests.Usm;

/// <summary>Our manager against our agent over loopback, SNMPv3 (RFC 3414) at every level and protocol.</summary>
public class UsmAgentManagerTests
{
    private static readonly ObjectIdentifier IntegerOid = ObjectIdentifier.Parse("1.3.6.1.4.1.99.1.0");
    private static readonly ObjectIdentifier StringOid = ObjectIdentifier.Parse("1.3.6.1.4.1.99.2.0");
    private static readonly ObjectIdentifier GaugeOid = ObjectIdentifier.Parse("1.3.6.1.4.1.99.3.0");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<UsmAuthProtocol, UsmPrivProtocol> Protocols() => new()
    {
        { UsmAuthProtocol.HmacSha1, UsmPrivProtocol.Aes128 },
        { UsmAuthProtocol.HmacSha256, UsmPrivProtocol.Aes128 },
        { UsmAuthProtocol.HmacSha384, UsmPrivProtocol.Aes128 },
        { UsmAuthProtocol.HmacSha512, UsmPrivProtocol.Aes128 },
        { UsmAuthProtocol.HmacSha1, UsmPrivProtocol.Des },
    };

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task AuthPriv_GetSetGetNextGetBulk_WithEveryProtocol(UsmAuthProtocol auth, UsmPrivProtocol priv)
    {
        var user = new UsmUser("u-" + auth + priv, auth, UsmFixture.AuthPassword, priv, UsmFixture.PrivPassword);
        await using var fx = await UsmFixture.StartAsync([new SnmpAgentUser(user, CanWrite: true)]);
        var credentials = new SnmpUsm(user);

        var get = await fx.Manager.GetAsync(fx.Endpoint, credentials, [IntegerOid, StringOid], Ct);
        var set = await fx.Manager.SetAsync(fx.Endpoint, credentials, [new VarBind(GaugeOid, new SnmpGauge32(77))], Ct);
        var next = await fx.Manager.GetNextAsync(fx.Endpoint, credentials, [IntegerOid], Ct);
        var bulk = await fx.Manager.GetBulkAsync(fx.Endpoint, credentials, 0, 3, [ObjectIdentifier.Parse("1.3.6.1.4.1.99")], Ct);

        Assert.Equal([new SnmpInteger(42), SnmpOctetString.FromString("hello")], get.Select(v => v.Value));
        Assert.Equal(new SnmpGauge32(77), Assert.Single(set).Value);
        Assert.Equal(new SnmpGauge32(77), fx.Mib.Get(GaugeOid));
        Assert.Equal(StringOid, Assert.Single(next).Oid);
        Assert.Equal([IntegerOid, StringOid, GaugeOid], bulk.Select(v => v.Oid));
    }

    [Fact]
    public async Task AuthNoPriv_AndNoAuthNoPriv_Users_AreServedAtTheirLevel()
    {
        await using var fx = await UsmFixture.StartAsync();

        var authOnly = await fx.Manager.GetAsync(fx.Endpoint, new SnmpUsm(UsmFixture.AuthOnly), [IntegerOid], Ct);
        var plain = await fx.Manager.GetAsync(fx.Endpoint, new SnmpUsm(UsmFixture.Plain), [IntegerOid], Ct);

        Assert.Equal(new SnmpInteger(42), Assert.Single(authOnly).Value);
        Assert.Equal(new SnmpInteger(42), Assert.Single(plain).Value);
    }

    [Fact]
    public async Task Discovery_LearnsTheAgentsEngineId_AndTheEngineGroupIsServed()
    {
        var engineId = Hex.Bytes("80000F3E05AABBCCDDEEFF0011");
        await using var fx = await UsmFixture.StartAsync(engineId: engineId);
        fx.Clock.Advance(TimeSpan.FromSeconds(42));

        var result = await fx.Manager.GetAsync(fx.Endpoint, new SnmpUsm(UsmFixture.Admin),
            [ObjectIdentifier.Parse("1.3.6.1.6.3.10.2.1.1.0"), ObjectIdentifier.Parse("1.3.6.1.6.3.10.2.1.2.0"),
             ObjectIdentifier.Parse("1.3.6.1.6.3.10.2.1.3.0"), ObjectIdentifier.Parse("1.3.6.1.6.3.10.2.1.4.0"),
             ObjectIdentifier.Parse("1.3.6.1.6.3.15.1.1.4.0")], Ct);

        Assert.Equal(engineId, fx.Agent.EngineId.ToArray());
        Assert.Equal(
            [new SnmpOctetString(engineId), new SnmpInteger(1), new SnmpInteger(42), new SnmpInteger(65507), new SnmpCounter32(1)],
            result.Select(v => v.Value));
    }

    [Fact]
    public async Task DefaultEngineId_IsRfc3411Format_WithEnterprise3902_AndDiffersPerAgent()
    {
        await using var first = await UsmFixture.StartAsync();
        await using var second = await UsmFixture.StartAsync();

        var id = first.Agent.EngineId.ToArray();

        Assert.Equal(Hex.Bytes("80000F3E05"), id[..5]);
        Assert.Equal(13, id.Length);
        Assert.NotEqual(id, second.Agent.EngineId.ToArray());
    }

    [Fact]
    public async Task AgentClockJump_NotInTimeWindowsReport_IsResynchronizedTransparently()
    {
        await using var fx = await UsmFixture.StartAsync();
        var credentials = new SnmpUsm(UsmFixture.Admin);
        await fx.Manager.GetAsync(fx.Endpoint, credentials, [IntegerOid], Ct);

        fx.Clock.Advance(TimeSpan.FromMinutes(10));
        var result = await fx.Manager.GetAsync(fx.Endpoint, credentials, [IntegerOid, ObjectIdentifier.Parse("1.3.6.1.6.3.15.1.1.2.0")], Ct);

        Assert.Equal(new SnmpInteger(42), result[0].Value);
        Assert.Equal(new SnmpCounter32(1), result[1].Value);
    }

    [Fact]
    public async Task AgentRestartWithANewEngineId_IsRediscovered()
    {
        var credentials = new SnmpUsm(UsmFixture.Admin);
        await using var manager = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromSeconds(1), Retries = 0 });
        System.Net.IPEndPoint endpoint;
        await using (var before = await UsmFixture.StartAsync())
        {
            endpoint = before.Endpoint;
            await manager.GetAsync(endpoint, credentials, [IntegerOid], Ct);
        }

        await using var after = await UsmFixture.StartAsync(port: endpoint.Port);
        var result = await manager.GetAsync(endpoint, credentials, [IntegerOid], Ct);

        Assert.Equal(new SnmpInteger(42), Assert.Single(result).Value);
    }

    [Fact]
    public async Task SixtyFourConcurrentRequests_FromAColdCache_AllSucceed()
    {
        await using var fx = await UsmFixture.StartAsync();
        var credentials = new SnmpUsm(UsmFixture.Admin);
        var oids = Enumerable.Range(0, 64).Select(i => i % 2 == 0 ? IntegerOid : StringOid).ToArray();

        var results = await Task.WhenAll(oids.Select(oid => fx.Manager.GetAsync(fx.Endpoint, credentials, [oid], Ct)));

        for (var i = 0; i < oids.Length; i++)
        {
            Assert.Equal(oids[i], Assert.Single(results[i]).Oid);
        }
    }

    [Fact]
    public async Task V2cAndV3_ShareOneAgentAndOneManager()
    {
        await using var fx = await UsmFixture.StartAsync();

        var v3 = fx.Manager.GetAsync(fx.Endpoint, new SnmpUsm(UsmFixture.Admin), [IntegerOid], Ct);
        var v2c = fx.Manager.GetAsync(fx.Endpoint, new SnmpCommunity("public"), [IntegerOid], Ct);
        var legacy = fx.Manager.GetAsync(fx.Endpoint, "public", [IntegerOid], Ct);

        Assert.All(await Task.WhenAll(v3, v2c, legacy), r => Assert.Equal(new SnmpInteger(42), Assert.Single(r).Value));
    }
}
