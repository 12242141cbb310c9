using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests.Usm;

/// <summary>net-snmp's tools (snmpget, snmpset, snmpwalk, snmpbulkwalk) as SNMPv3 managers against our agent.</summary>
public class NetSnmpV3InteropTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<UsmAuthProtocol, string, UsmPrivProtocol, string> Protocols() => new()
    {
        { UsmAuthProtocol.HmacSha1, "SHA", UsmPrivProtocol.Aes128, "AES" },
        { UsmAuthProtocol.HmacSha256, "SHA-256", UsmPrivProtocol.Aes128, "AES" },
        { UsmAuthProtocol.HmacSha384, "SHA-384", UsmPrivProtocol.Aes128, "AES" },
        { UsmAuthProtocol.HmacSha512, "SHA-512", UsmPrivProtocol.Aes128, "AES" },
        { UsmAuthProtocol.HmacSha256, "SHA-256", UsmPrivProtocol.Des, "DES" },
    };

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task Snmpget_AuthPriv_WithEveryProtocol(UsmAuthProtocol auth, string authName, UsmPrivProtocol priv, string privName)
    {
        var user = new UsmUser("ns-" + authName + privName, auth, UsmFixture.AuthPassword, priv, UsmFixture.PrivPassword);
        await using var fx = await UsmFixture.StartAsync([new SnmpAgentUser(user)]);

        var (exitCode, stdout, stderr) = await NetSnmpTools.RunAsync("snmpget",
            V3(user.Name, authName, UsmFixture.AuthPassword, privName, UsmFixture.PrivPassword), fx.Endpoint,
            ["1.3.6.1.4.1.99.1.0", "1.3.6.1.4.1.99.8.0", "1.3.6.1.6.3.10.2.1.2.0"], Ct);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(
            """
            .1.3.6.1.4.1.99.1.0 = INTEGER: 42
            .1.3.6.1.4.1.99.8.0 = Counter64: 1099511627776
            .1.3.6.1.6.3.10.2.1.2.0 = INTEGER: 1
            """,
            stdout);
    }

    [Fact]
    public async Task Snmpset_AuthPriv_TypesUAndI_AreApplied()
    {
        await using var fx = await UsmFixture.StartAsync();

        var (exitCode, stdout, stderr) = await NetSnmpTools.RunAsync("snmpset", Admin(), fx.Endpoint,
            ["1.3.6.1.4.1.99.1.0", "i", "-9", "1.3.6.1.4.1.99.3.0", "u", "4242"], Ct);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(".1.3.6.1.4.1.99.1.0 = INTEGER: -9\n.1.3.6.1.4.1.99.3.0 = Gauge32: 4242", stdout);
        Assert.Equal(new SnmpGauge32(4242), fx.Mib.Get(ObjectIdentifier.Parse("1.3.6.1.4.1.99.3.0")));
    }

    [Theory]
    [InlineData("snmpwalk")]
    [InlineData("snmpbulkwalk")]
    public async Task Snmpwalk_AuthPriv_ListsTheSubtree(string tool)
    {
        await using var fx = await UsmFixture.StartAsync();
        fx.Mib.Add("1.3.6.1.4.1.100.1.0", new SnmpInteger(1));

        var (exitCode, stdout, stderr) = await NetSnmpTools.RunAsync(tool, Admin(), fx.Endpoint, ["1.3.6.1.4.1.99"], Ct);

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(8, stdout.Split('\n').Length);
        Assert.StartsWith(".1.3.6.1.4.1.99.1.0 = INTEGER: 42\n.1.3.6.1.4.1.99.2.0 = STRING: \"hello\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snmpget_WrongAuthPassword_IsAuthenticationFailure()
    {
        await using var fx = await UsmFixture.StartAsync();

        var (exitCode, _, stderr) = await NetSnmpTools.RunAsync("snmpget",
            V3("admin", "SHA-256", "wrong-auth-pass", "AES", UsmFixture.PrivPassword), fx.Endpoint, ["1.3.6.1.4.1.99.1.0"], Ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Authentication failure (incorrect password, community or key)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snmpget_UnknownUser_IsUnknownUserName()
    {
        await using var fx = await UsmFixture.StartAsync();

        var (exitCode, _, stderr) = await NetSnmpTools.RunAsync("snmpget",
            V3("nobody", "SHA-256", UsmFixture.AuthPassword, "AES", UsmFixture.PrivPassword), fx.Endpoint, ["1.3.6.1.4.1.99.1.0"], Ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Unknown user name", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snmpget_WrongPrivPassword_TimesOut()
    {
        await using var fx = await UsmFixture.StartAsync();

        var (exitCode, _, stderr) = await NetSnmpTools.RunAsync("snmpget",
            [.. V3("admin", "SHA-256", UsmFixture.AuthPassword, "AES", "wrong-priv-pass"), "-t", "1", "-r", "0"], fx.Endpoint, ["1.3.6.1.4.1.99.1.0"], Ct);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Timeout", stderr, StringComparison.Ordinal);
        Assert.Equal(0, fx.Mib.GetCalls);
    }

    [Fact]
    public async Task Snmpset_ByAReadOnlyUser_AndAuthNoPriv_BelowTheMinimum_AreAuthorizationErrors()
    {
        await using var fx = await UsmFixture.StartAsync();

        var readOnly = await NetSnmpTools.RunAsync("snmpset",
            V3("reader", "SHA", UsmFixture.AuthPassword, "AES", UsmFixture.PrivPassword), fx.Endpoint, ["1.3.6.1.4.1.99.1.0", "i", "1"], Ct);
        var authNoPriv = await NetSnmpTools.RunAsync("snmpget",
            ["-v", "3", "-l", "authNoPriv", "-u", "admin", "-a", "SHA-256", "-A", UsmFixture.AuthPassword], fx.Endpoint, ["1.3.6.1.4.1.99.1.0"], Ct);

        Assert.Contains("authorizationError", readOnly.Stderr, StringComparison.Ordinal);
        Assert.Contains("authorizationError", authNoPriv.Stderr, StringComparison.Ordinal);
        Assert.Equal(new SnmpInteger(42), fx.Mib.Get(ObjectIdentifier.Parse("1.3.6.1.4.1.99.1.0")));
    }

    private static string[] Admin() => V3("admin", "SHA-256", UsmFixture.AuthPassword, "AES", UsmFixture.PrivPassword);

    private static string[] V3(string user, string auth, string authPassword, string priv, string privPassword) =>
        ["-v", "3", "-l", "authPriv", "-u", user, "-a", auth, "-A", authPassword, "-x", priv, "-X", privPassword];
}
