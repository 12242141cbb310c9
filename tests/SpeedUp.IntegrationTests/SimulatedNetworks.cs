using SpeedUp.Simulator;

namespace SpeedUp.IntegrationTests;

/// <summary>
/// The two simulated carrier networks the end-to-end tests run against: China Telecom's BRAS behind real sshd
/// (the Huawei-style CLI) and China Unicom's BRAS SNMP agent. Started once for the collection.
/// </summary>
public sealed class SimulatedNetworks : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("speedup-e2e-").FullName;

    /// <summary>The Unicom agent's write community: distinctive, so a leak into any output is found.</summary>
    public const string UnicomWriteCommunity = "cu-write-7Qx9";

    public BrasSimulator Telecom { get; private set; } = null!;

    public BrasSimulator Unicom { get; private set; } = null!;

    public string StateDirectory => _state;

    public async ValueTask InitializeAsync()
    {
        RepositoryPaths.RequireSetup();

        // sshd's ForceCommand runs as the simulator's login user: it must be able to reach the CLI socket.
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The simulators need Linux (OpenSSH sshd, Unix sockets).");
        }

        File.SetUnixFileMode(_state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Telecom = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            SeedFile = RepositoryPaths.TelecomSeed,
            CliSocketPath = Path.Combine(_state, "ct-cli.sock"),
            Ssh = new SshFrontOptions { Port = 0, StateDirectory = Path.Combine(_state, "ct-sshd") },
        }, CancellationToken.None);
        Unicom = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            SeedFile = RepositoryPaths.UnicomSeed,
            CliSocketPath = Path.Combine(_state, "cu-cli.sock"),
            WriteCommunity = UnicomWriteCommunity,
        }, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Telecom.DisposeAsync();
        await Unicom.DisposeAsync();
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // sshd may still be releasing its files; the temp folder is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<SimulatedNetworks>
{
    public const string Name = "end-to-end";
}
