using SpeedUp.Protocols.Snmp.Tests.Peers;

namespace SpeedUp.Protocols.Snmp.Tests;

/// <summary>
/// Our manager with SNMPv3 USM against a real net-snmp 5.9 snmpd (users from <c>createUser</c>, access from
/// <c>rwuser/rouser … priv</c>). Every rejection is asserted as snmpd really answers it.
/// </summary>
public sealed class NetSnmpdV3Tests(NetSnmpdPeer snmpd) : IClassFixture<NetSnmpdPeer>
{
    private static readonly ObjectIdentifier SysDescr = ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0");
    private static readonly ObjectIdentifier SnmpEngineId = ObjectIdentifier.Parse("1.3.6.1.6.3.10.2.1.1.0");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SnmpManager NewManager(int timeoutMs = 2000, int retries = 1) =>
        new(new SnmpManagerOptions { Timeout = TimeSpan.FromMilliseconds(timeoutMs), Retries = retries });

    private static UsmUser User(NetSnmpdUser user, string? authPassword = null, string? name = null) => new(
        name ?? user.Name,
        user.AuthProtocol switch
        {
            "SHA" => UsmAuthProtocol.HmacSha1,
            "SHA-256" => UsmAuthProtocol.HmacSha256,
            _ => throw new ArgumentOutOfRangeException(nameof(user), user.AuthProtocol, "No such auth protocol in the fixture."),
        },
        authPassword ?? user.AuthPassword,
        UsmPrivProtocol.Aes128,
        user.PrivPassword);

    public static TheoryData<string> Writers => new() { NetSnmpdProcess.ShaAes.Name, NetSnmpdProcess.Sha256Aes.Name };

    private static NetSnmpdUser Named(string name) => NetSnmpdProcess.Users.Single(u => u.Name == name);

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task AuthPriv_GetAndSet_ThroughPassPersist(string userName)
    {
        await using var manager = NewManager();
        var credentials = new SnmpUsm(User(Named(userName)));
        var row = userName == NetSnmpdProcess.ShaAes.Name ? 1 : 2;
        var name = userName + "-" + Guid.NewGuid().ToString("N")[..6];

        var before = await manager.GetAsync(snmpd.Endpoint, credentials, [SysDescr, NetSnmpdPeer.Rate(1, row)], Ct);
        var echoed = await manager.SetAsync(snmpd.Endpoint, credentials,
            [new(NetSnmpdPeer.Rate(2, row), SnmpOctetString.FromString(name)), new(NetSnmpdPeer.Rate(4, row), new SnmpInteger(777))], Ct);
        var after = await manager.GetAsync(snmpd.Endpoint, credentials, [NetSnmpdPeer.Rate(2, row), NetSnmpdPeer.Rate(4, row)], Ct);

        Assert.StartsWith("Linux", Assert.IsType<SnmpOctetString>(before[0].Value).ToString(), StringComparison.Ordinal);
        Assert.Equal(new SnmpInteger(row), before[1].Value);
        Assert.Equal(2, echoed.Count);
        Assert.Equal([SnmpOctetString.FromString(name), new SnmpInteger(777)], after.Select(v => v.Value));
    }

    [Fact]
    public async Task WrongAuthPassword_IsUsmStatsWrongDigests()
    {
        await using var manager = NewManager();
        var credentials = new SnmpUsm(User(NetSnmpdProcess.ShaAes, authPassword: "not-the-auth-password"));

        var error = await Assert.ThrowsAsync<SnmpAuthenticationException>(() => manager.GetAsync(snmpd.Endpoint, credentials, [SysDescr], Ct));

        Assert.Equal("usmStatsWrongDigests", error.ReportName);
    }

    [Fact]
    public async Task UnknownUser_IsUsmStatsUnknownUserNames()
    {
        await using var manager = NewManager();
        var credentials = new SnmpUsm(User(NetSnmpdProcess.ShaAes, name: "nobody"));

        var error = await Assert.ThrowsAsync<SnmpAuthenticationException>(() => manager.GetAsync(snmpd.Endpoint, credentials, [SysDescr], Ct));

        Assert.Equal("usmStatsUnknownUserNames", error.ReportName);
    }

    [Fact]
    public async Task AuthNoPriv_ForAPrivUser_IsAuthorizationError()
    {
        // "rwuser shaaes priv": snmpd's VACM has no entry for the lower level and answers authorizationError
        // (snmpget -l authNoPriv prints "Reason: authorizationError (access denied to that object)").
        await using var manager = NewManager();
        var credentials = new SnmpUsm(User(NetSnmpdProcess.ShaAes), SnmpSecurityLevel.AuthNoPriv);

        var error = await Assert.ThrowsAsync<SnmpErrorException>(() => manager.GetAsync(snmpd.Endpoint, credentials, [SysDescr], Ct));

        Assert.Equal(SnmpErrorStatus.AuthorizationError, error.Status);
    }

    [Fact]
    public async Task Set_ByARouser_IsNoAccess()
    {
        // "rouser readonly priv": the access entry exists but its write view is empty, so snmpd answers
        // noAccess (error-index 1), not authorizationError (snmpset as that user prints "Reason: noAccess").
        await using var manager = NewManager();
        var credentials = new SnmpUsm(User(NetSnmpdProcess.ReadOnly));

        var read = await manager.GetAsync(snmpd.Endpoint, credentials, [NetSnmpdPeer.Rate(1, 3)], Ct);
        var error = await Assert.ThrowsAsync<SnmpErrorException>(
            () => manager.SetAsync(snmpd.Endpoint, credentials, [new(NetSnmpdPeer.Rate(4, 3), new SnmpInteger(1))], Ct));

        Assert.Equal(new SnmpInteger(3), read[0].Value);
        Assert.Equal(SnmpErrorStatus.NoAccess, error.Status);
        Assert.Equal(1, error.ErrorIndex);
    }

    [Fact]
    public async Task WrongPrivPassword_IsDroppedBySnmpd_AndTimesOut()
    {
        // snmpd cannot decrypt the scopedPDU and sends nothing back (no usmStatsDecryptionErrors report).
        await using var manager = NewManager(timeoutMs: 500, retries: 0);
        var credentials = new SnmpUsm(User(NetSnmpdProcess.ShaAes) with { PrivPassword = "not-the-priv-password" });

        await Assert.ThrowsAsync<SnmpTimeoutException>(() => manager.GetAsync(snmpd.Endpoint, credentials, [SysDescr], Ct));
    }

    [Fact]
    public async Task EngineDiscovery_FindsSnmpdsEngineId_EvenUnderConcurrentFirstRequests()
    {
        await using var v2c = NewManager();
        var viaCommunity = await v2c.GetAsync(snmpd.Endpoint, NetSnmpdProcess.ReadCommunity, [SnmpEngineId], Ct);
        var engineId = Assert.IsType<SnmpOctetString>(viaCommunity[0].Value);

        // A fresh manager: 16 first requests at once all need the discovered engine (and its boots/time).
        await using var manager = NewManager();
        var credentials = new SnmpUsm(User(NetSnmpdProcess.Sha256Aes));
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => manager.GetAsync(snmpd.Endpoint, credentials, [SnmpEngineId], Ct)));
        var explicitContext = await manager.GetAsync(snmpd.Endpoint, credentials with { ContextEngineId = engineId.Value }, [SnmpEngineId], Ct);

        // net-snmp's default engine ID: RFC 3411 format bit, enterprise 8072 (net-snmp), format 128 (random).
        Assert.Equal([0x80, 0x00, 0x1F, 0x88], engineId.Value.Span[..4].ToArray());
        Assert.All(answers, a => Assert.Equal(engineId, a[0].Value));
        Assert.Equal(engineId, explicitContext[0].Value);
    }
}
