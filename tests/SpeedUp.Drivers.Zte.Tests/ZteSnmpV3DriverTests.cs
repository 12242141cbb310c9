using System.Net;
using SpeedUp.Drivers.Zte;
using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Drivers.Zte.Tests;

/// <summary>The ZTE SNMP driver over SNMPv3 authPriv (Snmp:Version = V3) against our agent and the fake ZTE MIB.</summary>
public class ZteSnmpV3DriverTests
{
    private const string AuthSecret = "cuv3-auth-pass";
    private const string PrivSecret = "cuv3-priv-pass";
    private static readonly UsmUser Writer = new("cuv3", UsmAuthProtocol.HmacSha256, AuthSecret, UsmPrivProtocol.Aes128, PrivSecret);
    private static readonly UsmUser Reader = new("cuv3ro", UsmAuthProtocol.HmacSha1, AuthSecret, UsmPrivProtocol.Aes128, PrivSecret);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("SHA", UsmAuthProtocol.HmacSha1)]
    [InlineData("SHA-256", UsmAuthProtocol.HmacSha256)]
    [InlineData("sha-384", UsmAuthProtocol.HmacSha384)]
    [InlineData("SHA-512", UsmAuthProtocol.HmacSha512)]
    public async Task AuthPriv_FindReadSetAndProbe_WithEachAuthProtocol(string authName, UsmAuthProtocol auth)
    {
        var user = new UsmUser("cu-" + authName, auth, AuthSecret, UsmPrivProtocol.Aes128, PrivSecret);
        await using var h = await ZteSnmpDriverHarness.StartAsync([new SnmpAgentUser(user, CanWrite: true)]);
        var driver = h.Factory.Create(V3Channel(h.Endpoint.Port, user.Name, authName));

        var found = await driver.FindLineAsync(IPAddress.Parse("202.101.172.35"), 443, Ct);
        var rates = await driver.SetRateAsync(new LineReference(330100001, "zj0571a0001"), Direction.Down, 100000, Ct);
        var read = await driver.ReadLineAsync(new LineReference(330100001, "zj0571a0001"), Ct);
        var health = await driver.ProbeAsync(Ct);

        Assert.Equal(330100001, found?.BandId);
        Assert.Equal(new LineRates(4000, 100000), rates);
        Assert.Equal(rates, read.Current);
        Assert.Equal(100000u, h.Mib.Line(330100001).DownKbps);
        Assert.True(health.Healthy, health.Detail);
    }

    [Fact]
    public async Task Secrets_FromEnvironmentVariables_ArePreferred()
    {
        var authVariable = "SPEEDUP_TEST_CU_V3_AUTH_" + Guid.NewGuid().ToString("N");
        var privVariable = "SPEEDUP_TEST_CU_V3_PRIV_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(authVariable, AuthSecret);
        Environment.SetEnvironmentVariable(privVariable, PrivSecret);
        try
        {
            await using var h = await ZteSnmpDriverHarness.StartAsync([new SnmpAgentUser(Writer, CanWrite: true)]);
            var channel = V3Channel(h.Endpoint.Port, Writer.Name, "SHA-256", "wrong-inline-1", "wrong-inline-2");
            channel.Snmp.AuthSecretEnvironmentVariable = authVariable;
            channel.Snmp.PrivSecretEnvironmentVariable = privVariable;

            var line = await h.Factory.Create(channel).ReadLineAsync(new LineReference(330100001, "zj0571a0001"), Ct);

            Assert.Equal(330100001, line.BandId);
        }
        finally
        {
            Environment.SetEnvironmentVariable(authVariable, null);
            Environment.SetEnvironmentVariable(privVariable, null);
        }
    }

    [Fact]
    public async Task WrongAuthSecret_IsAuthenticationFailed_AndNeverShowsTheSecret()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync([new SnmpAgentUser(Writer, CanWrite: true)]);
        var driver = h.Factory.Create(V3Channel(h.Endpoint.Port, Writer.Name, "SHA-256", "wrong-auth-secret"));

        var error = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(new LineReference(330100001, "zj0571a0001"), Ct));

        Assert.Equal(DriverFailure.AuthenticationFailed, error.Failure);
        Assert.Contains("usmStatsWrongDigests", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-auth-secret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(PrivSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyUser_SetRate_IsRejectedWithAuthorizationError()
    {
        await using var h = await ZteSnmpDriverHarness.StartAsync([new SnmpAgentUser(Reader)]);
        var driver = h.Factory.Create(V3Channel(h.Endpoint.Port, Reader.Name, "SHA"));

        var error = await Assert.ThrowsAsync<DriverException>(() =>
            driver.SetRateAsync(new LineReference(330100001, "zj0571a0001"), Direction.Up, 8000, Ct));

        Assert.Equal(DriverFailure.Rejected, error.Failure);
        Assert.Contains("AuthorizationError", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Mib.SetCalls);
    }

    [Theory]
    [InlineData(null, "SHA-256", "AES", AuthSecret, PrivSecret, "Snmp:User")]
    [InlineData("cuv3", "MD5", "AES", AuthSecret, PrivSecret, "Snmp:AuthProtocol")]
    [InlineData("cuv3", "SHA-224", "AES", AuthSecret, PrivSecret, "SHA-224")]
    [InlineData("cuv3", "SHA-256", "AES-256", AuthSecret, PrivSecret, "Snmp:PrivProtocol")]
    [InlineData("cuv3", "SHA-256", "AES", null, PrivSecret, "Snmp:AuthSecret")]
    [InlineData("cuv3", "SHA-256", "AES", AuthSecret, null, "Snmp:PrivSecret")]
    [InlineData("cuv3", "SHA-256", "AES", "short", PrivSecret, "8 characters")]
    [InlineData("cuv3", null, "AES", null, PrivSecret, "needs an authentication protocol")]
    public async Task IncompleteOrUnknownV3Settings_FailAtCreation(
        string? user, string? auth, string? priv, string? authSecret, string? privSecret, string expected)
    {
        await using var factory = new ZteSnmpDriverFactory();
        var channel = ZteSnmpDriverHarness.Channel("", null, 16161);
        channel.Snmp.Version = "V3";
        (channel.Snmp.User, channel.Snmp.AuthProtocol, channel.Snmp.PrivProtocol) = (user, auth, priv);
        (channel.Snmp.AuthSecret, channel.Snmp.PrivSecret) = (authSecret, privSecret);

        var error = Assert.Throws<InvalidOperationException>(() => factory.Create(channel));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("cu-test-snmp", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AuthSecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVersion_FailsAtCreation()
    {
        await using var factory = new ZteSnmpDriverFactory();
        var channel = ZteSnmpDriverHarness.Channel("community", null, 16161);
        channel.Snmp.Version = "V1";

        Assert.Throws<InvalidOperationException>(() => factory.Create(channel));
    }

    private static DeviceOptions V3Channel(int port, string user, string auth, string authSecret = AuthSecret, string privSecret = PrivSecret)
    {
        var channel = ZteSnmpDriverHarness.Channel("", null, port);
        channel.Snmp.Version = "V3";
        channel.Snmp.User = user;
        channel.Snmp.AuthProtocol = auth;
        channel.Snmp.PrivProtocol = "AES";
        channel.Snmp.AuthSecret = authSecret;
        channel.Snmp.PrivSecret = privSecret;
        return channel;
    }
}
