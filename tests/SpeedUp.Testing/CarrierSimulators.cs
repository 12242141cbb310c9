using SpeedUp.Protocols.Snmp;
using SpeedUp.Simulator;

namespace SpeedUp.Testing;

/// <summary>
/// The two simulated carrier networks: China Telecom's BRAS behind real sshd (the Huawei-style CLI) and China
/// Unicom's BRAS SNMP agent plus its ZTE-style CLI behind its own sshd, in this process, on free loopback ports. Both
/// have a RADIUS CoA face (<see cref="BrasSimulator.CoaEndpoint"/>, secret <see cref="CoaSecret"/>).
/// </summary>
public sealed class CarrierSimulators : IAsyncDisposable
{
    /// <summary>The Unicom agent's write community: distinctive, so a leak into any output is found.</summary>
    public const string UnicomWriteCommunity = "cu-write-7Qx9";

    /// <summary>An SNMPv3 user of the Unicom agent: SHA-256 + AES-128, read-write, authPriv required.</summary>
    /// <summary>The RADIUS CoA shared secret of both networks' CoA faces: distinctive, so a leak into any output is found.</summary>
    public const string CoaSecret = "coa-shared-Wq4z";

    public static readonly UsmUser UnicomV3User = new("cuv3-e2e", UsmAuthProtocol.HmacSha256, "cuv3-auth-Zk81", UsmPrivProtocol.Aes128, "cuv3-priv-Pq27");

    private CarrierSimulators(string stateDirectory, BrasSimulator telecom, BrasSimulator unicom)
    {
        StateDirectory = stateDirectory;
        Telecom = telecom;
        Unicom = unicom;
    }

    public BrasSimulator Telecom { get; }

    public BrasSimulator Unicom { get; }

    public IEnumerable<BrasSimulator> Both => [Telecom, Unicom];

    /// <summary>A temporary folder for sockets, sshd files and client state; removed on dispose.</summary>
    public string StateDirectory { get; }

    /// <summary>Starts both networks. Fails with a clear message when scripts/setup.sh has not run.</summary>
    public static async Task<CarrierSimulators> StartAsync(CancellationToken cancellationToken)
    {
        RepositoryPaths.RequireSetup();
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The simulators need Linux (OpenSSH sshd, Unix sockets).");
        }

        var state = Directory.CreateTempSubdirectory("speedup-sim-").FullName;

        // sshd's ForceCommand runs as the simulator's login user: it must be able to reach the CLI socket.
        File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var telecom = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            SeedFile = RepositoryPaths.TelecomSeed,
            CliSocketPath = Path.Combine(state, "ct-cli.sock"),
            Ssh = new SshFrontOptions { Port = 0, StateDirectory = Path.Combine(state, "ct-sshd") },
            Coa = new CoaFaceOptions { Secret = CoaSecret },
        }, cancellationToken);
        try
        {
            var unicom = await BrasSimulator.StartAsync(new BrasSimulatorOptions
            {
                SeedFile = RepositoryPaths.UnicomSeed,
                CliSocketPath = Path.Combine(state, "cu-cli.sock"),
                WriteCommunity = UnicomWriteCommunity,
                CliDialect = CliDialects.Zte,
                Ssh = new SshFrontOptions { Port = 0, StateDirectory = Path.Combine(state, "cu-sshd") },
                SnmpUsers = { new SnmpAgentUser(UnicomV3User, CanWrite: true, MinimumLevel: SnmpSecurityLevel.AuthPriv) },
                Coa = new CoaFaceOptions { Secret = CoaSecret },
            }, cancellationToken);
            return new CarrierSimulators(state, telecom, unicom);
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
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // sshd may still be releasing its files; the temp folder is harmless.
        }
    }
}
