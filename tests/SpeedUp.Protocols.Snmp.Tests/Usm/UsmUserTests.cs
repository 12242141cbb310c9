namespace SpeedUp.Protocols.Snmp.Tests.Usm;

/// <summary>Validation and secret-free printing of the SNMPv3 credential types.</summary>
public class UsmUserTests
{
    [Fact]
    public void Level_FollowsTheProtocols()
    {
        Assert.Equal(SnmpSecurityLevel.NoAuthNoPriv, new UsmUser("a").Level);
        Assert.Equal(SnmpSecurityLevel.AuthNoPriv, new UsmUser("a", UsmAuthProtocol.HmacSha1, "12345678").Level);
        Assert.Equal(SnmpSecurityLevel.AuthPriv, new UsmUser("a", UsmAuthProtocol.HmacSha1, "12345678", UsmPrivProtocol.Aes128, "87654321").Level);
    }

    [Theory]
    [InlineData("", UsmAuthProtocol.None, null, UsmPrivProtocol.None, null)]
    [InlineData("a", UsmAuthProtocol.HmacSha1, "short", UsmPrivProtocol.None, null)]
    [InlineData("a", UsmAuthProtocol.HmacSha1, null, UsmPrivProtocol.None, null)]
    [InlineData("a", UsmAuthProtocol.None, null, UsmPrivProtocol.Aes128, "12345678")]
    [InlineData("a", UsmAuthProtocol.HmacSha1, "12345678", UsmPrivProtocol.Aes128, "1234567")]
    [InlineData("a", UsmAuthProtocol.None, "12345678", UsmPrivProtocol.None, null)]
    [InlineData("123456789012345678901234567890123", UsmAuthProtocol.None, null, UsmPrivProtocol.None, null)]
    public void InvalidUsers_AreRejected(string name, UsmAuthProtocol auth, string? authPassword, UsmPrivProtocol priv, string? privPassword)
    {
        Assert.ThrowsAny<ArgumentException>(() => new UsmUser(name, auth, authPassword, priv, privPassword));
    }

    [Fact]
    public void ToString_NeverShowsSecrets()
    {
        var user = new UsmUser("cuv3", UsmAuthProtocol.HmacSha256, "cuv3-auth-pass", UsmPrivProtocol.Aes128, "cuv3-priv-pass");
        string[] printed =
        [
            user.ToString(),
            new SnmpUsm(user).ToString(),
            new SnmpAgentUser(user, true).ToString(),
            new SnmpCommunity("s3cret-community").ToString(),
        ];

        foreach (var text in printed)
        {
            Assert.DoesNotContain("pass", text, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        }

        Assert.Contains("cuv3", printed[1], StringComparison.Ordinal);
        Assert.Contains("AuthPriv", printed[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manager_RejectsALevelTheUserCannotUse()
    {
        await using var manager = new SnmpManager(new SnmpManagerOptions());
        var credentials = new SnmpUsm(new UsmUser("a", UsmAuthProtocol.HmacSha1, "12345678"), SnmpSecurityLevel.AuthPriv);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            manager.GetAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9), credentials, [ObjectIdentifier.Parse("1.3.6.1")], TestContext.Current.CancellationToken));
    }
}
