using SpeedUp.Simulator;

namespace SpeedUp.Benchmarks;

/// <summary>
/// The two simulated carrier networks, in process: China Telecom's BRAS behind real sshd (Huawei-style CLI)
/// and China Unicom's BRAS SNMP agent. Same setup as the end-to-end tests' fixture.
/// </summary>
internal sealed class SimulatedNetworks : IAsyncDisposable
{
    private readonly string _state;

    private SimulatedNetworks(string state, BrasSimulator telecom, BrasSimulator unicom)
    {
        _state = state;
        Telecom = telecom;
        Unicom = unicom;
    }

    public BrasSimulator Telecom { get; }

    public BrasSimulator Unicom { get; }

    public IEnumerable<BrasSimulator> Both => [Telecom, Unicom];

    public static async Task<SimulatedNetworks> StartAsync(CancellationToken cancellationToken)
    {
        RepositoryPaths.RequireSetup();
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The simulators need Linux (OpenSSH sshd, Unix sockets).");
        }

        var state = Directory.CreateTempSubdirectory("speedup-bench-").FullName;

        // sshd's ForceCommand runs as the simulator's login user: it must be able to reach the CLI socket.
        File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var telecom = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            SeedFile = RepositoryPaths.TelecomSeed,
            CliSocketPath = Path.Combine(state, "ct-cli.sock"),
            Ssh = new SshFrontOptions { Port = 0, StateDirectory = Path.Combine(state, "ct-sshd") },
        }, cancellationToken);
        try
        {
            var unicom = await BrasSimulator.StartAsync(new BrasSimulatorOptions
            {
                SeedFile = RepositoryPaths.UnicomSeed,
                CliSocketPath = Path.Combine(state, "cu-cli.sock"),
            }, cancellationToken);
            return new SimulatedNetworks(state, telecom, unicom);
        }
        catch
        {
            await telecom.DisposeAsync();
            throw;
        }
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
