using SpeedUp.Drivers.Conformance.Tests.Targets;

namespace SpeedUp.Drivers.Conformance.Tests;

/// <summary>Lab files: secrets by environment variable only, clear errors, and what a read-only lab target runs.</summary>
public sealed class LabConfigurationTests(HuaweiSshTarget simulator) : IClassFixture<HuaweiSshTarget>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void LabFile_MapsToTheChannel_WithSecretsByReference()
    {
        var variable = NewVariable("s3cret-value");
        try
        {
            var lab = LabConfiguration.Parse($$"""
                {
                  // comments are allowed
                  "driver": "zte-snmp",
                  "channel": { "carrier": "ChinaUnicom", "host": "10.1.2.3", "port": 161, "operationTimeout": "00:00:05",
                               "snmp": { "version": "V3", "user": "lab", "authProtocol": "SHA-256", "privProtocol": "AES",
                                         "authSecretEnvironmentVariable": "{{variable}}", "privSecretEnvironmentVariable": "{{variable}}" } },
                  "line": { "bandId": 411000001, "account": "bj010u0001", "ipAddress": "202.106.0.20", "port": 443 }
                }
                """);

            var channel = lab.ToChannel();

            Assert.False(lab.AllowWrites);
            Assert.Null(lab.Cgnat);
            Assert.Equal(("zte-snmp", "10.1.2.3", 161, Carrier.ChinaUnicom, TimeSpan.FromSeconds(5)), (lab.Driver, channel.Host, channel.Port, lab.Channel.Carrier, channel.OperationTimeout));
            Assert.True(channel.Snmp.IsVersion3);
            Assert.Equal("s3cret-value", EnvironmentSecretResolver.Instance.SnmpAuthSecret(channel));
            Assert.Null(channel.Snmp.AuthSecret);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData("\"secret\": \"pw\"", "channel.secret")]
    [InlineData("\"snmp\": { \"authSecret\": \"pw\" }", "channel.snmp.authSecret")]
    public void InlineSecret_IsRefused_NamingTheKey(string fragment, string key)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LabConfiguration.Parse(
            "{ \"driver\": \"huawei-cli-ssh\", \"channel\": { \"host\": \"10.0.0.1\", \"port\": 22, " + fragment + " }, " +
            "\"line\": { \"bandId\": 1, \"account\": \"a\", \"ipAddress\": \"1.2.3.4\", \"port\": 1 } }"));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("environment variable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsetSecretVariable_IsRefused_NamingTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LabConfiguration.Parse(
            "{ \"driver\": \"huawei-cli-ssh\", \"channel\": { \"host\": \"10.0.0.1\", \"port\": 22, \"secretEnvironmentVariable\": \"SPEEDUP_NO_SUCH_VARIABLE_X1\" }, " +
            "\"line\": { \"bandId\": 1, \"account\": \"a\", \"ipAddress\": \"1.2.3.4\", \"port\": 1 } }"));

        Assert.Contains("SPEEDUP_NO_SUCH_VARIABLE_X1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDriver_IsRefused_ListingTheRegisteredOnes()
    {
        var lab = LabConfiguration.Parse(
            "{ \"driver\": \"acme-cli\", \"channel\": { \"host\": \"10.0.0.1\", \"port\": 22 }, " +
            "\"line\": { \"bandId\": 1, \"account\": \"a\", \"ipAddress\": \"1.2.3.4\", \"port\": 1 } }");

        var error = Assert.Throws<InvalidOperationException>(() => new LabConformanceTarget(lab, KnownDrivers.CreateFactories(), KnownDrivers.Declarations));

        Assert.Contains("huawei-cli-ssh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyLabTarget_RunsTheReadChecks_ThroughASecondDriver_AndReportsTheOthersAsNotRun()
    {
        var variable = NewVariable(simulator.Simulator.SshPassword);
        var json = LabTarget.RehearsalJson(simulator.Simulator.SshPort, simulator.Simulator.SshUser, simulator.Simulator.SshHostKeySha256, variable)
            .Replace("\"allowWrites\": true", "\"allowWrites\": false", StringComparison.Ordinal);
        try
        {
            await using var lab = new LabConformanceTarget(LabConfiguration.Parse(json), KnownDrivers.CreateFactories(), KnownDrivers.Declarations);
            var checks = new DriverConformanceChecks(lab);

            Assert.Equal(TargetCapabilities.Cgnat, lab.Capabilities);
            await checks.CheckFindLineAsync(Ct);
            await checks.CheckFindCgnatAsync(Ct);
            await checks.CheckReadMatchesEquipmentAsync(Ct);
            await checks.CheckProbeAsync(Ct);
            var notRun = new[]
            {
                await Assert.ThrowsAsync<ConformanceNotApplicableException>(() => checks.CheckSetThenRestoreAsync(Ct)),
                await Assert.ThrowsAsync<ConformanceNotApplicableException>(() => checks.CheckOutOfCapabilityAsync(Ct)),
                await Assert.ThrowsAsync<ConformanceNotApplicableException>(() => checks.CheckTimeoutAsync(Ct)),
                await Assert.ThrowsAsync<ConformanceNotApplicableException>(() => checks.CheckCancellationAsync(Ct)),
                await Assert.ThrowsAsync<ConformanceNotApplicableException>(() => checks.CheckNoInjectionAsync(Ct)),
                await Assert.ThrowsAsync<ConformanceNotApplicableException>(() => checks.CheckUnknownLineAsync(Ct)),
            };

            Assert.All(notRun, exception => Assert.Contains("not run on huawei-cli-ssh @ lab 127.0.0.1", exception.Message, StringComparison.Ordinal));
            Assert.Contains("allowWrites", notRun[0].Message, StringComparison.Ordinal);
            Assert.Contains("cannot inject a device delay", notRun[2].Message, StringComparison.Ordinal);
            Assert.Contains("already cancelled token ended with OperationCanceledException", notRun[3].Message, StringComparison.Ordinal);
            Assert.Empty(simulator.Simulator.State.AuditLog);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static string NewVariable(string value)
    {
        var name = "SPEEDUP_LAB_TEST_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(name, value);
        return name;
    }
}
