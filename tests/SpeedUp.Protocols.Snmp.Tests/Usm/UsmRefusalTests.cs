using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests.Usm;

/// <summary>SNMPv3 refusals: usmStats Reports (RFC 3414 §3.2), access control, and what the manager makes of them.</summary>
public class UsmRefusalTests
{
    private static readonly ObjectIdentifier IntegerOid = ObjectIdentifier.Parse("1.3.6.1.4.1.99.1.0");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WrongAuthPassword_IsUsmStatsWrongDigests_WithoutSecretsInTheMessage()
    {
        await using var fx = await UsmFixture.StartAsync();
        var wrong = UsmFixture.Admin with { AuthPassword = "not-the-password" };

        var error = await Assert.ThrowsAsync<SnmpAuthenticationException>(() =>
            fx.Manager.GetAsync(fx.Endpoint, new SnmpUsm(wrong), [IntegerOid], Ct));

        Assert.Equal("usmStatsWrongDigests", error.ReportName);
        Assert.Equal("1.3.6.1.6.3.15.1.1.5.0", error.ReportOid);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(UsmFixture.AuthPassword, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(UsmFixture.PrivPassword, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownUser_IsUsmStatsUnknownUserNames()
    {
        await using var fx = await UsmFixture.StartAsync();
        var stranger = UsmFixture.Admin with { Name = "stranger" };

        var error = await Assert.ThrowsAsync<SnmpAuthenticationException>(() =>
            fx.Manager.GetAsync(fx.Endpoint, new SnmpUsm(stranger), [IntegerOid], Ct));

        Assert.Equal("usmStatsUnknownUserNames", error.ReportName);
    }

    [Fact]
    public async Task LevelTheAgentsUserDoesNotSupport_IsUsmStatsUnsupportedSecLevels()
    {
        await using var fx = await UsmFixture.StartAsync();
        var withPriv = UsmFixture.AuthOnly with { PrivProtocol = UsmPrivProtocol.Aes128, PrivPassword = UsmFixture.PrivPassword };

        var error = await Assert.ThrowsAsync<SnmpAuthenticationException>(() =>
            fx.Manager.GetAsync(fx.Endpoint, new SnmpUsm(withPriv), [IntegerOid], Ct));

        Assert.Equal("usmStatsUnsupportedSecLevels", error.ReportName);
    }

    [Fact]
    public async Task WrongPrivPassword_IsDroppedAsUndecodable_AndTimesOut()
    {
        await using var fx = await UsmFixture.StartAsync(timeout: TimeSpan.FromMilliseconds(300));
        var wrong = UsmFixture.Admin with { PrivPassword = "not-the-priv-password" };

        await Assert.ThrowsAsync<SnmpTimeoutException>(() => fx.Manager.GetAsync(fx.Endpoint, new SnmpUsm(wrong), [IntegerOid], Ct));
    }

    [Theory]
    [InlineData(SnmpSecurityLevel.AuthNoPriv)]
    [InlineData(SnmpSecurityLevel.NoAuthNoPriv)]
    public async Task BelowTheUsersMinimumLevel_IsAuthorizationError(SnmpSecurityLevel level)
    {
        await using var fx = await UsmFixture.StartAsync();

        var error = await Assert.ThrowsAsync<SnmpErrorException>(() =>
            fx.Manager.GetAsync(fx.Endpoint, new SnmpUsm(UsmFixture.Admin, level), [IntegerOid], Ct));

        Assert.Equal(SnmpErrorStatus.AuthorizationError, error.Status);
        Assert.Equal(0, fx.Mib.GetCalls);
    }

    [Fact]
    public async Task SetByAReadOnlyUser_IsAuthorizationError_AndChangesNothing()
    {
        await using var fx = await UsmFixture.StartAsync();

        var error = await Assert.ThrowsAsync<SnmpErrorException>(() =>
            fx.Manager.SetAsync(fx.Endpoint, new SnmpUsm(UsmFixture.Reader), [new VarBind(IntegerOid, new SnmpInteger(1))], Ct));
        var read = await fx.Manager.GetAsync(fx.Endpoint, new SnmpUsm(UsmFixture.Reader), [IntegerOid], Ct);

        Assert.Equal(SnmpErrorStatus.AuthorizationError, error.Status);
        Assert.Equal(new SnmpInteger(42), Assert.Single(read).Value);
    }

    [Fact]
    public async Task SetOfTheEngineGroup_IsNotWritable()
    {
        await using var fx = await UsmFixture.StartAsync();

        var error = await Assert.ThrowsAsync<SnmpErrorException>(() => fx.Manager.SetAsync(fx.Endpoint, new SnmpUsm(UsmFixture.Admin),
            [new VarBind(ObjectIdentifier.Parse("1.3.6.1.6.3.10.2.1.2.0"), new SnmpInteger(5))], Ct));

        Assert.Equal(SnmpErrorStatus.NotWritable, error.Status);
    }

    [Fact]
    public async Task V3ToAnAgentWithoutUsers_IsIgnored()
    {
        await using var fx = await AgentFixture.StartAsync();
        await using var manager = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 });

        await Assert.ThrowsAsync<SnmpTimeoutException>(() => manager.GetAsync(fx.Endpoint, new SnmpUsm(UsmFixture.Admin), [IntegerOid], Ct));
    }

    [Fact]
    public async Task CommunityCredentials_WithVersion3_AreRejected()
    {
        await using var fx = await AgentFixture.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            fx.Manager.GetAsync(fx.Endpoint, new SnmpCommunity("public", SnmpVersion.V3), [IntegerOid], Ct));
    }
}
