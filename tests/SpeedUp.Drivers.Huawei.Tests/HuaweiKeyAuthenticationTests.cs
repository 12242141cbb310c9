using System.Diagnostics;
using System.Net;
using SpeedUp.Drivers.Huawei;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Huawei.Tests;

/// <summary>SSH public-key authentication through real sshd: an authorized key logs in with no password; another key is refused.</summary>
public sealed class HuaweiKeyAuthenticationTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("speedup-keys-").FullName;
    private BrasSimulator? _simulator;

    private string AuthorizedKey => Path.Combine(_directory, "authorized_ed25519");

    private string OtherKey => Path.Combine(_directory, "other_ed25519");

    public async ValueTask InitializeAsync()
    {
        await GenerateKeyAsync(AuthorizedKey);
        await GenerateKeyAsync(OtherKey);
        var options = new SshFrontOptions();
        options.AuthorizedKeys.Add((await File.ReadAllTextAsync(AuthorizedKey + ".pub")).Trim());
        _simulator = await BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = HuaweiSimulatorFixture.SeedPath(), Ssh = options },
            TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task FindLineAsync_AuthorizedKey_LogsInWithoutAPassword()
    {
        await using var driver = CreateDriver(AuthorizedKey);

        var line = await driver.FindLineAsync(IPAddress.Parse("202.101.172.35"), 0, TestContext.Current.CancellationToken);

        Assert.NotNull(line);
        Assert.Equal(330100001, line.BandId);
    }

    [Fact]
    public async Task FindLineAsync_KeySshdDoesNotKnow_IsRefusedAsAuthenticationFailed()
    {
        await using var driver = CreateDriver(OtherKey);

        var e = await Assert.ThrowsAsync<DriverException>(() =>
            driver.FindLineAsync(IPAddress.Parse("202.101.172.35"), 0, TestContext.Current.CancellationToken));

        Assert.Equal(DriverFailure.AuthenticationFailed, e.Failure);
        Assert.Empty(_simulator!.State.AuditLog);
    }

    private HuaweiCliDriver CreateDriver(string privateKeyPath) =>
        (HuaweiCliDriver)new HuaweiCliDriverFactory().Create(new DeviceOptions
        {
            Name = "ct-key-auth",
            Port = _simulator!.SshPort,
            Username = _simulator.SshUser,
            PrivateKeyPath = privateKeyPath,
            HostKeySha256 = _simulator.SshHostKeySha256,
            OperationTimeout = TimeSpan.FromSeconds(10),
        });

    private static async Task GenerateKeyAsync(string path)
    {
        var info = new ProcessStartInfo("/usr/bin/ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-q", "-t", "ed25519", "-N", "", "-C", "speedup-test", "-f", path })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("ssh-keygen did not start: run scripts/setup.sh.");
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "ssh-keygen failed: " + await process.StandardError.ReadToEndAsync());
    }
}
