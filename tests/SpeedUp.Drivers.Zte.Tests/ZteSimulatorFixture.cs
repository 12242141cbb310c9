using SpeedUp.Drivers.Zte;
using SpeedUp.Protocols.Cli;
using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.Drivers.Zte.Tests;

/// <summary>
/// One China Unicom BRAS simulator with the ZTE CLI face (seed simulators/data/china-unicom.json) behind real
/// OpenSSH sshd on 127.0.0.1. Needs root, sshd, socat and ssh-keygen; without them the tests fail with the
/// reason (scripts/setup.sh installs them), they are never skipped.
/// </summary>
public sealed class ZteSimulatorFixture : IAsyncLifetime
{
    private BrasSimulator? _simulator;

    public BrasSimulator Simulator =>
        _simulator ?? throw new InvalidOperationException("The simulator did not start.");

    public async ValueTask InitializeAsync() => _simulator = await StartSimulatorAsync();

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    /// <summary>Starts a ZTE-face simulator with its own sshd (for tests that change sshd itself).</summary>
    public static async Task<BrasSimulator> StartSimulatorAsync()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            throw new InvalidOperationException("The SSH integration tests need Linux and root: run scripts/setup.sh as root.");
        }

        RepositoryPaths.RequireTool(OpenSshFront.Sshd);
        RepositoryPaths.RequireTool(OpenSshFront.Socat);
        RepositoryPaths.RequireTool("/usr/bin/ssh-keygen");
        return await BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = RepositoryPaths.UnicomSeed, CliDialect = CliDialects.Zte, Ssh = new SshFrontOptions() },
            TestContext.Current.CancellationToken);
    }

    /// <summary>A supply channel pointing at <paramref name="simulator"/>; override the pin, password or timeout to provoke failures.</summary>
    public static DeviceOptions Channel(BrasSimulator simulator, string? hostKey = null, string? password = null, TimeSpan? timeout = null) => new()
    {
        Name = "cu-sim-zte-ssh",
        Host = "127.0.0.1",
        Port = simulator.SshPort,
        Username = simulator.SshUser,
        Secret = password ?? simulator.SshPassword,
        HostKeySha256 = hostKey ?? simulator.SshHostKeySha256,
        OperationTimeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    /// <summary>A driver through the factory, as the product creates it.</summary>
    public ZteCliDriver CreateDriver(string? hostKey = null, string? password = null, TimeSpan? timeout = null) =>
        CreateDriver(Simulator, hostKey, password, timeout);

    public static ZteCliDriver CreateDriver(BrasSimulator simulator, string? hostKey = null, string? password = null, TimeSpan? timeout = null) =>
        (ZteCliDriver)new ZteCliDriverFactory().Create(Channel(simulator, hostKey, password, timeout));

    /// <summary>A driver whose dialect does not disable paging on open (it must page through <c> --More-- </c>).</summary>
    public ZteCliDriver CreatePagingDriver()
    {
        var ssh = new SshTransportOptions
        {
            Host = "127.0.0.1",
            Port = Simulator.SshPort,
            Username = Simulator.SshUser,
            Password = Simulator.SshPassword,
            HostKeySha256 = Simulator.SshHostKeySha256,
        };
        var options = new ZteCliDriverOptions
        {
            ChannelName = "cu-sim-zte-paging",
            Dialect = ZteCliDialect.Instance with { OnOpenCommands = [] },
        };
        return new ZteCliDriver(options, () => new SshShellTransport(ssh));
    }
}
