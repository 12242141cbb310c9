using SpeedUp.Testing;
using SpeedUp.Drivers.Conformance;
using System.Net;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Huawei.Tests;

[Collection(HuaweiSimulatorCollection.Name)]
public sealed class HuaweiCliDriverSimulatorSecurityTests(HuaweiSimulatorFixture fixture)
{
    private const string OtherKey = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
    private static readonly LineReference Line1 = new(330100001, "zj0571a0001");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_WrongHostKey_RefusedNamingBothFingerprints()
    {
        await using var driver = fixture.CreateDriver(hostKey: OtherKey);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(Line1, Token));

        Assert.Equal(DriverFailure.HostKeyMismatch, exception.Failure);
        Assert.Contains(OtherKey, exception.Message, StringComparison.Ordinal);
        Assert.Contains(HostKeyFingerprint.Format(fixture.Simulator.SshHostKeySha256), exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Simulator.SshPassword, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_PinWithoutPrefixWithPadding_Accepted()
    {
        var pin = HostKeyFingerprint.Normalize(fixture.Simulator.SshHostKeySha256) + "=";
        await using var driver = fixture.CreateDriver(hostKey: pin);

        var health = await driver.ProbeAsync(Token);

        Assert.True(health.Healthy, health.Detail);
    }

    [Fact]
    public async Task Connect_NoPin_Refused()
    {
        var channel = fixture.Channel();
        channel.HostKeySha256 = null;
        await using var driver = (SpeedUp.Drivers.Huawei.HuaweiCliDriver)new SpeedUp.Drivers.Huawei.HuaweiCliDriverFactory().Create(channel);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.FindLineAsync(IPAddress.Parse("202.101.172.35"), 1, Token));

        Assert.Equal(DriverFailure.HostKeyMismatch, exception.Failure);
        Assert.Contains("No host key is pinned", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WrongPassword_AuthenticationFailedWithoutSecret()
    {
        const string Wrong = "not-the-password-42";
        await using var driver = fixture.CreateDriver(password: Wrong);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(Line1, Token));

        Assert.Equal(DriverFailure.AuthenticationFailed, exception.Failure);
        Assert.False(exception.IsTransient);
        Assert.DoesNotContain(Wrong, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NothingListening_Unreachable()
    {
        var channel = fixture.Channel();
        channel.Port = FreePort();
        await using var driver = (SpeedUp.Drivers.Huawei.HuaweiCliDriver)new SpeedUp.Drivers.Huawei.HuaweiCliDriverFactory().Create(channel);

        var exception = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(Line1, Token));

        Assert.Equal(DriverFailure.Unreachable, exception.Failure);
        Assert.True(exception.IsTransient);
    }

    [Theory]
    [InlineData("zj0571a0001\nreboot")]
    [InlineData("zj0571a0001\rsimulator reboot")]
    [InlineData("a;b")]
    [InlineData("zj0571a0001 car inbound cir 99999")]
    [InlineData("用户0001")]
    [InlineData("zj0571a0001\u001b[A")]
    public async Task InjectionAttempts_RejectedNothingReachesDevice(string account)
    {
        var audit = fixture.Simulator.State.AuditLog.Count;
        await DeviceQuiet.WaitAsync(fixture.Simulator, Token);
        var mark = fixture.Simulator.Received.LastSequence;
        var before = fixture.Simulator.State.FindByAccount("zj0571a0001")!;
        await using var driver = fixture.CreateDriver();
        var line = new LineReference(330100001, account);

        var set = await Assert.ThrowsAsync<DriverException>(() => driver.SetRateAsync(line, Direction.Up, 8000, Token));
        var read = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(line, Token));

        Assert.Equal(DriverFailure.InvalidValue, set.Failure);
        Assert.Equal(DriverFailure.InvalidValue, read.Failure);
        Assert.Equal(audit, fixture.Simulator.State.AuditLog.Count);
        Assert.Equal(before, fixture.Simulator.State.FindByAccount("zj0571a0001"));
        // Not only no state change: no line at all reached the device beyond what the driver declares for these two
        // calls (IDriverDryRun) — and for values it refuses it declares nothing.
        var declared = DeclaredTraffic.Of(driver, DeclaredTraffic.SetRate(line, Direction.Up, 8000))!.Concat(DeclaredTraffic.Of(driver, DeclaredTraffic.ReadLine(line))!).ToList();
        Assert.Empty(declared);
        var received = fixture.Simulator.Received.Since(mark).Select(r => new DeviceInput(r.Sequence, r.Text));
        Assert.Empty(DeclaredTraffic.Undeclared(received, declared));
    }

    [Fact]
    public async Task DeclaredSessionSteps_AreTheSessionsOwnCommands_NotAnOperationsSteps()
    {
        await using var driver = fixture.CreateDriver();

        var session = DeclaredTraffic.SessionOf(driver);
        var probe = DeclaredTraffic.Of(driver, DeclaredTraffic.Probe)!;

        // The close of a pooled session ("quit") may reach the device during any later check (conformance CK14).
        Assert.Contains("quit", session);
        Assert.All(session, step => Assert.Contains(step, probe));
        Assert.NotEmpty(probe.Except(session)); // the probe's own command is not declared by the session steps
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
