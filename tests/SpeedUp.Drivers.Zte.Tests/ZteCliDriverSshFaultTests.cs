using SpeedUp.Protocols.Cli;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Zte.Tests;

/// <summary>
/// SSH-level faults of the sshd front, each on its own simulator (they change sshd): refused logins, a new host
/// key, a wrong password, a missing pin.
/// </summary>
public sealed class ZteCliDriverSshFaultTests
{
    private static readonly LineReference Beijing1 = new(411000001, "bj010u0001");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefusedLogins_AuthenticationFailed_ThenAcceptedAgain()
    {
        await using var simulator = await ZteSimulatorFixture.StartSimulatorAsync();
        await simulator.SshFront!.RefuseLoginsAsync(true, Token);

        await using (var refused = ZteSimulatorFixture.CreateDriver(simulator))
        {
            var exception = await Assert.ThrowsAsync<DriverException>(() => refused.ReadLineAsync(Beijing1, Token));
            Assert.Equal(DriverFailure.AuthenticationFailed, exception.Failure);
            Assert.DoesNotContain(simulator.SshPassword, exception.ToString(), StringComparison.Ordinal);
        }

        await simulator.SshFront.RefuseLoginsAsync(false, Token);
        await using var accepted = ZteSimulatorFixture.CreateDriver(simulator);
        Assert.Equal(Beijing1, (await accepted.ReadLineAsync(Beijing1, Token)).Reference);
    }

    [Fact]
    public async Task RotatedHostKey_HostKeyMismatchWithTheOldPin_NewPinWorks()
    {
        await using var simulator = await ZteSimulatorFixture.StartSimulatorAsync();
        var oldPin = simulator.SshHostKeySha256;
        await using var pinned = ZteSimulatorFixture.CreateDriver(simulator, hostKey: oldPin);
        await pinned.ReadLineAsync(Beijing1, Token);

        var newPin = await simulator.SshFront!.RotateHostKeyAsync(Token);
        Assert.NotEqual(oldPin, newPin);
        Assert.Equal(newPin, simulator.SshHostKeySha256);

        await using (var stale = ZteSimulatorFixture.CreateDriver(simulator, hostKey: oldPin))
        {
            var exception = await Assert.ThrowsAsync<DriverException>(() => stale.ReadLineAsync(Beijing1, Token));
            Assert.Equal(DriverFailure.HostKeyMismatch, exception.Failure);
            Assert.Contains(HostKeyFingerprint.Format(newPin), exception.Message, StringComparison.Ordinal);
        }

        await using var repinned = ZteSimulatorFixture.CreateDriver(simulator, hostKey: newPin);
        Assert.Equal(Beijing1, (await repinned.ReadLineAsync(Beijing1, Token)).Reference);
    }

    [Fact]
    public async Task WrongPasswordAndMissingPin_Refused()
    {
        await using var simulator = await ZteSimulatorFixture.StartSimulatorAsync();
        const string Wrong = "not-the-password-42";
        await using var wrong = ZteSimulatorFixture.CreateDriver(simulator, password: Wrong);
        var channel = ZteSimulatorFixture.Channel(simulator);
        channel.HostKeySha256 = null;
        await using var unpinned = (SpeedUp.Drivers.Zte.ZteCliDriver)new SpeedUp.Drivers.Zte.ZteCliDriverFactory().Create(channel);

        var auth = await Assert.ThrowsAsync<DriverException>(() => wrong.ReadLineAsync(Beijing1, Token));
        var pin = await Assert.ThrowsAsync<DriverException>(() => unpinned.ReadLineAsync(Beijing1, Token));

        Assert.Equal(DriverFailure.AuthenticationFailed, auth.Failure);
        Assert.DoesNotContain(Wrong, auth.ToString(), StringComparison.Ordinal);
        Assert.Equal(DriverFailure.HostKeyMismatch, pin.Failure);
        Assert.Empty(simulator.State.AuditLog);
    }
}
