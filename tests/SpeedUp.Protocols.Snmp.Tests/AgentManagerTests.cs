using System.Net;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests;

public class AgentManagerTests
{
    private static readonly ObjectIdentifier IntegerOid = ObjectIdentifier.Parse("1.3.6.1.4.1.99.1.0");
    private static readonly ObjectIdentifier StringOid = ObjectIdentifier.Parse("1.3.6.1.4.1.99.2.0");
    private static readonly ObjectIdentifier GaugeOid = ObjectIdentifier.Parse("1.3.6.1.4.1.99.3.0");
    private static readonly ObjectIdentifier CounterOid = ObjectIdentifier.Parse("1.3.6.1.4.1.99.4.0");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_ReturnsValuesAndExceptions()
    {
        await using var fx = await AgentFixture.StartAsync();

        var result = await fx.Manager.GetAsync(fx.Endpoint, "public",
            [IntegerOid, StringOid, ObjectIdentifier.Parse("1.3.6.1.4.1.99.8.0"), ObjectIdentifier.Parse("1.3.6.1.4.1.99.1.1"), ObjectIdentifier.Parse("1.3.9.9")], Ct);

        Assert.Equal(
            [new SnmpInteger(42), SnmpOctetString.FromString("hello"), new SnmpCounter64(1UL << 40), SnmpValue.NoSuchInstance, SnmpValue.NoSuchObject],
            result.Select(v => v.Value));
        Assert.Equal(IntegerOid, result[0].Oid);
    }

    [Fact]
    public async Task GetNext_WalksInOrderAndEndsWithEndOfMibView()
    {
        await using var fx = await AgentFixture.StartAsync();

        var first = await fx.Manager.GetNextAsync(fx.Endpoint, "public", [ObjectIdentifier.Parse("1.3.6.1.4.1.99")], Ct);
        var last = await fx.Manager.GetNextAsync(fx.Endpoint, "public", [ObjectIdentifier.Parse("1.3.6.1.4.1.99.8.0")], Ct);

        Assert.Equal(new VarBind(IntegerOid, new SnmpInteger(42)), Assert.Single(first));
        Assert.Equal(new VarBind(ObjectIdentifier.Parse("1.3.6.1.4.1.99.8.0"), SnmpValue.EndOfMibView), Assert.Single(last));
    }

    [Fact]
    public async Task GetBulk_RepeatsAndStopsAtTheEnd()
    {
        await using var fx = await AgentFixture.StartAsync();

        var result = await fx.Manager.GetBulkAsync(fx.Endpoint, "public", 1, 20,
            [ObjectIdentifier.Parse("1.3.6.1.2.1.1"), ObjectIdentifier.Parse("1.3.6.1.4.1.99.6")], Ct);

        Assert.Equal(
            ["1.3.6.1.2.1.1.1.0", "1.3.6.1.4.1.99.6.0", "1.3.6.1.4.1.99.7.0", "1.3.6.1.4.1.99.8.0", "1.3.6.1.4.1.99.8.0"],
            result.Select(v => v.Oid.ToString()));
        Assert.Equal(SnmpValue.EndOfMibView, result[^1].Value);
    }

    [Fact]
    public async Task GetBulk_LargeAnswer_IsTruncatedToFitTheDatagram()
    {
        var mib = new TestMib();
        for (var i = 1; i <= 3000; i++)
        {
            mib.Add("1.3.6.1.4.1.99.10." + i, SnmpOctetString.FromString(new string('x', 100)));
        }

        await using var fx = await AgentFixture.StartAsync(mib: mib);
        var result = await fx.Manager.GetBulkAsync(fx.Endpoint, "public", 0, 5000, [ObjectIdentifier.Parse("1.3.6.1.4.1.99.10")], Ct);

        Assert.InRange(result.Count, 400, 600);
        Assert.Equal("1.3.6.1.4.1.99.10.1", result[0].Oid.ToString());
    }

    [Fact]
    public async Task Set_WritesAllTypesAndReadsBack()
    {
        await using var fx = await AgentFixture.StartAsync();
        VarBind[] bindings =
        [
            new(IntegerOid, new SnmpInteger(-7)),
            new(StringOid, SnmpOctetString.FromString("changed")),
            new(GaugeOid, new SnmpGauge32(8000)),
        ];

        var response = await fx.Manager.SetAsync(fx.Endpoint, "private", bindings, Ct);
        var read = await fx.Manager.GetAsync(fx.Endpoint, "public", [IntegerOid, StringOid, GaugeOid], Ct);

        Assert.Equal(bindings, response);
        Assert.Equal(bindings, read);
    }

    [Theory]
    [InlineData("1.3.6.1.4.1.99.4.0", SnmpErrorStatus.NotWritable)]
    [InlineData("1.3.6.1.4.1.99.77.0", SnmpErrorStatus.NoCreation)]
    public async Task Set_Refused_ThrowsWithStatusAndIndex_AndChangesNothing(string oid, SnmpErrorStatus expected)
    {
        await using var fx = await AgentFixture.StartAsync();

        var error = await Assert.ThrowsAsync<SnmpErrorException>(() => fx.Manager.SetAsync(fx.Endpoint, "private",
            [new VarBind(IntegerOid, new SnmpInteger(1)), new VarBind(ObjectIdentifier.Parse(oid), new SnmpCounter32(1))], Ct));

        Assert.Equal(expected, error.Status);
        Assert.Equal(2, error.ErrorIndex);
        Assert.Equal(new SnmpInteger(42), (await fx.Manager.GetAsync(fx.Endpoint, "public", [IntegerOid], Ct))[0].Value);
    }

    [Fact]
    public async Task Set_WrongType_IsWrongType()
    {
        await using var fx = await AgentFixture.StartAsync();
        var error = await Assert.ThrowsAsync<SnmpErrorException>(() =>
            fx.Manager.SetAsync(fx.Endpoint, "private", [new VarBind(IntegerOid, SnmpOctetString.FromString("x"))], Ct));
        Assert.Equal(SnmpErrorStatus.WrongType, error.Status);
        Assert.Equal(1, error.ErrorIndex);
    }

    [Fact]
    public async Task Set_WithReadCommunity_IsNoAccess()
    {
        await using var fx = await AgentFixture.StartAsync();
        var error = await Assert.ThrowsAsync<SnmpErrorException>(() =>
            fx.Manager.SetAsync(fx.Endpoint, "public", [new VarBind(IntegerOid, new SnmpInteger(1))], Ct));
        Assert.Equal(SnmpErrorStatus.NoAccess, error.Status);
        Assert.Equal(1, error.ErrorIndex);
    }

    [Fact]
    public async Task WriteCommunity_CanRead()
    {
        await using var fx = await AgentFixture.StartAsync();
        Assert.Single(await fx.Manager.GetAsync(fx.Endpoint, "private", [IntegerOid], Ct));
    }

    [Fact]
    public async Task V1_MissingVariable_IsNoSuchName_AndCounter64IsHidden()
    {
        await using var fx = await AgentFixture.StartAsync(SnmpVersion.V1);

        var missing = await Assert.ThrowsAsync<SnmpErrorException>(() =>
            fx.Manager.GetAsync(fx.Endpoint, "public", [IntegerOid, ObjectIdentifier.Parse("1.3.6.1.4.1.99.1.1")], Ct));
        var counter64 = await Assert.ThrowsAsync<SnmpErrorException>(() =>
            fx.Manager.GetAsync(fx.Endpoint, "public", [ObjectIdentifier.Parse("1.3.6.1.4.1.99.8.0")], Ct));
        var end = await Assert.ThrowsAsync<SnmpErrorException>(() =>
            fx.Manager.GetNextAsync(fx.Endpoint, "public", [ObjectIdentifier.Parse("1.3.6.1.4.1.99.7.0")], Ct));
        var value = await fx.Manager.GetAsync(fx.Endpoint, "public", [CounterOid], Ct);

        Assert.Equal((SnmpErrorStatus.NoSuchName, 2), (missing.Status, missing.ErrorIndex));
        Assert.Equal(SnmpErrorStatus.NoSuchName, counter64.Status);
        Assert.Equal(SnmpErrorStatus.NoSuchName, end.Status);
        Assert.Equal(new SnmpCounter32(7), value[0].Value);
    }

    [Fact]
    public async Task V1_SetErrors_AreMappedToV1Statuses()
    {
        await using var fx = await AgentFixture.StartAsync(SnmpVersion.V1);
        var wrongType = await Assert.ThrowsAsync<SnmpErrorException>(() =>
            fx.Manager.SetAsync(fx.Endpoint, "private", [new VarBind(IntegerOid, SnmpOctetString.FromString("x"))], Ct));
        var readOnly = await Assert.ThrowsAsync<SnmpErrorException>(() =>
            fx.Manager.SetAsync(fx.Endpoint, "public", [new VarBind(IntegerOid, new SnmpInteger(1))], Ct));
        Assert.Equal(SnmpErrorStatus.BadValue, wrongType.Status);
        Assert.Equal(SnmpErrorStatus.NoSuchName, readOnly.Status);
    }

    [Fact]
    public async Task WrongCommunity_IsDroppedSoTheManagerTimesOut()
    {
        await using var fx = await AgentFixture.StartAsync();
        await using var manager = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromMilliseconds(150), Retries = 1 });

        await Assert.ThrowsAsync<SnmpTimeoutException>(() => manager.GetAsync(fx.Endpoint, "guess", [IntegerOid], Ct));
        Assert.Equal(0, fx.Mib.GetCalls);
    }

    [Fact]
    public async Task MalformedDatagrams_AreDropped_AndTheAgentKeepsServing()
    {
        await using var fx = await AgentFixture.StartAsync();
        using var client = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        foreach (var garbage in new[] { new byte[] { 0x30, 0x84, 0xff, 0xff, 0xff, 0xff }, [], [0x30, 0x80, 0x30, 0x80], Hex.Bytes(NetSnmpBytesTests.SnmpGetRequest)[..20] })
        {
            await client.SendAsync(garbage, fx.Endpoint, Ct);
        }

        var result = await fx.Manager.GetAsync(fx.Endpoint, "public", [IntegerOid], Ct);
        Assert.Equal(new SnmpInteger(42), result[0].Value);
    }

    [Fact]
    public async Task SixtyFourConcurrentRequests_AllMatchTheirResponses()
    {
        var mib = new TestMib();
        for (var i = 0; i < 64; i++)
        {
            mib.Add("1.3.6.1.4.1.99.20." + i, new SnmpInteger(i * 10));
        }

        await using var fx = await AgentFixture.StartAsync(mib: mib);
        var tasks = Enumerable.Range(0, 64)
            .Select(i => fx.Manager.GetAsync(fx.Endpoint, "public", [ObjectIdentifier.Parse("1.3.6.1.4.1.99.20." + i)], Ct))
            .ToArray();
        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(new SnmpInteger(i * 10), results[i][0].Value);
        }
    }

    [Fact]
    public async Task Agent_LocalEndpoint_HasTheBoundPort_AndDisposeStops()
    {
        var agent = new SnmpAgent(new SnmpAgentOptions(), TestMib.CreateDefault());
        Assert.Throws<InvalidOperationException>(() => agent.LocalEndpoint);
        await agent.StartAsync(Ct);
        Assert.NotEqual(0, agent.LocalEndpoint.Port);
        Assert.Equal(IPAddress.Loopback, agent.LocalEndpoint.Address);
        await agent.DisposeAsync();
        await agent.DisposeAsync();
    }
}
