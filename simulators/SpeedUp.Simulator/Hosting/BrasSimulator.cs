using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Simulator;

/// <summary>
/// One simulated BRAS, in process: the shared <see cref="State"/>, the CLI face on a Unix socket, the SNMP
/// agent on UDP 127.0.0.1, optionally the RADIUS CoA face on UDP (<see cref="Coa"/>) and real sshd in front of the CLI. Dispose to stop everything.
/// </summary>
public sealed class BrasSimulator : IAsyncDisposable
{
    private readonly CliSocketServer _cli;
    private readonly SnmpAgent _snmp;
    private readonly OpenSshFront? _ssh;
    private readonly string? _ownedSocketDirectory;
    private CoaFace? _coa;

    private BrasSimulator(BrasState state, SimulatorFaults faults, CliSocketServer cli, SnmpAgent snmp, OpenSshFront? ssh, string? ownedSocketDirectory)
    {
        State = state;
        Faults = faults;
        _cli = cli;
        _snmp = snmp;
        _ssh = ssh;
        _ownedSocketDirectory = ownedSocketDirectory;
    }

    public BrasState State { get; }

    /// <summary>The CLI face this simulator shows (<see cref="CliDialects"/>).</summary>
    public string CliDialect { get; private init; } = CliDialects.Huawei;

    /// <summary>
    /// Everything the faces received: every CLI line of every session, every SNMP request (PDU type, OIDs, values) and
    /// every authenticated CoA/Disconnect request (the CoA driver's dry-run notation), in a bounded ring per face. Tests use it to prove that nothing but the expected commands reached the device.
    /// </summary>
    public ReceivedLog Received => _cli.Received;

    /// <summary>Faults injected into the CLI face.</summary>
    public SimulatorFaults Faults { get; }

    public IPEndPoint SnmpEndpoint => _snmp.LocalEndpoint;

    /// <summary>The RADIUS CoA face, when <see cref="BrasSimulatorOptions.Coa"/> was given.</summary>
    public CoaFace? Coa => _coa;

    /// <summary>Where the CoA face listens (UDP).</summary>
    /// <exception cref="InvalidOperationException">The simulator was started without a CoA face.</exception>
    public IPEndPoint CoaEndpoint => RequireCoa().Endpoint;

    /// <summary>The CoA face's shared secret.</summary>
    public string CoaSecret { get; private init; } = "";

    /// <summary>The SNMPv3 users the agent accepts (empty: SNMPv3 off).</summary>
    public IReadOnlyList<SnmpAgentUser> SnmpUsers { get; private init; } = [];

    /// <summary>The agent's snmpEngineID (empty when SNMPv3 is off).</summary>
    public ReadOnlyMemory<byte> SnmpEngineId => _snmp.EngineId;

    public string CliSocketPath => _cli.SocketPath;

    /// <summary>CLI sessions currently connected (through sshd or directly on the socket).</summary>
    public int ActiveCliSessions => _cli.ActiveSessions;

    /// <summary>The SSH front, when <see cref="BrasSimulatorOptions.Ssh"/> was given.</summary>
    public OpenSshFront? SshFront => _ssh;

    public int SshPort => RequireSsh().Port;

    /// <summary>The host key fingerprint, OpenSSH form ("SHA256:…").</summary>
    public string SshHostKeySha256 => RequireSsh().HostKeySha256;

    public string SshUser => RequireSsh().User;

    public string SshPassword => RequireSsh().Password;

    /// <summary>
    /// Fault: the SSH face goes dark (<paramref name="dark"/> true) — sshd is stopped, every connected CLI session
    /// (SSH or socket) is closed and new SSH connections are refused — or comes back: sshd starts again on the same
    /// port with the same host key and config. Returns once done. <see cref="SimulatorFaults.SshDark"/> shows the state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The simulator has no SSH front, or sshd could not start again.</exception>
    public async Task SetSshDarkAsync(bool dark, CancellationToken ct = default)
    {
        var ssh = RequireSsh();
        try
        {
            if (dark)
            {
                Faults.DisconnectAllCliSessions(); // commands in flight die now, not once sshd has stopped
                await ssh.StopListeningAsync(ct);
                Faults.DisconnectAllCliSessions(); // and any session that came in meanwhile
            }
            else
            {
                await ssh.ResumeAsync(ct);
            }
        }
        finally
        {
            Faults.SshDark = !ssh.IsListening;
        }
    }

    /// <summary>The whole device goes dark: the SNMP and CoA faces drop every request and the SSH face (if any) goes dark.</summary>
    public async Task GoDarkAsync(CancellationToken ct = default)
    {
        Faults.SnmpDark = true;
        Faults.CoaDark = true;
        if (_ssh is not null)
        {
            await SetSshDarkAsync(true, ct);
        }
        else
        {
            Faults.DisconnectAllCliSessions();
        }
    }

    /// <summary>Ends <see cref="GoDarkAsync"/>: the SNMP and CoA faces answer again and the SSH face (if any) listens again.</summary>
    public async Task ComeBackAsync(CancellationToken ct = default)
    {
        Faults.SnmpDark = false;
        Faults.CoaDark = false;
        if (_ssh is not null)
        {
            await SetSshDarkAsync(false, ct);
        }
    }

    /// <summary>Removes every fault (<see cref="SimulatorFaults.Clear"/>) and brings dark faces back (<see cref="ComeBackAsync"/>).</summary>
    public async Task ClearFaultsAsync(CancellationToken ct = default)
    {
        Faults.Clear();
        await ComeBackAsync(ct);
    }

    /// <summary>
    /// Reboots the device: every line back to its base rates (audited, face <see cref="CommandFace.Control"/>) and
    /// every connected CLI session closed, as on a real reboot. Faults stay as they are. Returns once the sessions
    /// that were connected are gone (at most 5 s).
    /// </summary>
    public async Task RebootAsync(CancellationToken ct = default)
    {
        State.Reboot(CommandFace.Control, "reboot");
        Faults.DisconnectAllCliSessions();
        await _cli.WaitForSessionsClosedAsync(TimeSpan.FromSeconds(5), ct);
    }

    /// <summary>A snapshot of every fault currently injected.</summary>
    public SimulatorFaultState DescribeFaults() => new(
        CliLatencyMs: (long)Faults.CommandLatency.TotalMilliseconds,
        CliLineDelayMs: (long)Faults.LineDelay.TotalMilliseconds,
        ForcePaging: Faults.ForcePaging,
        Garble: Faults.Garble,
        DropNextArmed: Faults.DropArmed,
        CliDropRatio: Faults.CliDropRatio,
        SnmpLatencyMs: (long)Faults.SnmpLatency.TotalMilliseconds,
        SnmpDropRatio: Faults.SnmpDropRatio,
        SnmpDark: Faults.SnmpDark,
        SshDark: Faults.SshDark,
        CoaLatencyMs: (long)Faults.CoaLatency.TotalMilliseconds,
        CoaDropRatio: Faults.CoaDropRatio,
        CoaDark: Faults.CoaDark,
        CoaNakStorm: Faults.CoaNakStorm,
        CoaAnswersLost: Faults.CoaAnswersLost,
        ForcedPageLength: Faults.ForcedPageLength,
        VanishedAccount: Faults.VanishedAccount);

    public static async Task<BrasSimulator> StartAsync(BrasSimulatorOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!CliDialects.IsKnown(options.CliDialect))
        {
            throw new ArgumentException($"Unknown CLI dialect '{options.CliDialect}' (expected {CliDialects.Expected()}).", nameof(options));
        }

        var seed = options.Seed ?? SeedLoader.LoadFile(options.SeedFile
            ?? throw new ArgumentException("Either SeedFile or Seed must be given.", nameof(options)));
        var hostname = string.IsNullOrWhiteSpace(options.Hostname) ? seed.Hostname : options.Hostname;
        var state = new BrasState(hostname, seed.Lines, options.TimeProvider);
        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var faults = new SimulatorFaults();
        var received = new ReceivedLog(options.ReceivedLogCapacity, options.TimeProvider);

        string? ownedDirectory = null;
        var socketPath = options.CliSocketPath;
        if (string.IsNullOrWhiteSpace(socketPath))
        {
            ownedDirectory = Directory.CreateTempSubdirectory("brassim-").FullName;
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(ownedDirectory, (UnixFileMode)0b111_101_101);
            }

            socketPath = Path.Combine(ownedDirectory, "cli.sock");
        }

        var cli = new CliSocketServer(
            socketPath, state, faults, options.MaxCliSessions, loggers.CreateLogger<CliSocketServer>(), options.CliDialect, received);
        SnmpAgent? snmp = null;
        CoaFace? coa = null;
        try
        {
            cli.Start();
            var agentOptions = new SnmpAgentOptions
            {
                Endpoint = options.SnmpEndpoint,
                ReadCommunity = options.ReadCommunity,
                WriteCommunity = options.WriteCommunity,
                RequestFilter = faults.FilterSnmpRequestAsync,
                RequestObserver = received.RecordSnmpRequest,
            };
            foreach (var user in options.SnmpUsers)
            {
                agentOptions.Users.Add(user);
            }

            snmp = new SnmpAgent(agentOptions, new SubscriberMib(state), loggers.CreateLogger<SnmpAgent>());
            try
            {
                await snmp.StartAsync(ct);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new InvalidOperationException($"The SNMP agent cannot bind UDP {options.SnmpEndpoint}: {ex.Message}", ex);
            }
            coa = options.Coa is null ? null : CoaFace.Start(options.Coa, state, faults, received, loggers);
            OpenSshFront? ssh = null;
            if (options.Ssh is not null)
            {
                ssh = await OpenSshFront.StartAsync(options.Ssh, cli.SocketPath, loggers.CreateLogger<OpenSshFront>(), ct);
            }

            return new BrasSimulator(state, faults, cli, snmp, ssh, ownedDirectory)
            {
                SnmpUsers = [.. options.SnmpUsers],
                CliDialect = options.CliDialect.ToLowerInvariant(),
                _coa = coa,
                CoaSecret = options.Coa?.Secret ?? "",
            };
        }
        catch
        {
            if (coa is not null)
            {
                await coa.DisposeAsync();
            }

            if (snmp is not null)
            {
                await snmp.DisposeAsync();
            }

            await cli.DisposeAsync();
            DeleteDirectory(ownedDirectory);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ssh is not null)
        {
            await _ssh.DisposeAsync();
        }

        if (_coa is not null)
        {
            await _coa.DisposeAsync();
        }

        await _snmp.DisposeAsync();
        await _cli.DisposeAsync();
        DeleteDirectory(_ownedSocketDirectory);
    }

    private CoaFace RequireCoa() =>
        _coa ?? throw new InvalidOperationException("This simulator was started without a CoA face (BrasSimulatorOptions.Coa).");

    private OpenSshFront RequireSsh() =>
        _ssh ?? throw new InvalidOperationException("This simulator was started without an SSH front (BrasSimulatorOptions.Ssh).");

    private static void DeleteDirectory(string? directory)
    {
        try
        {
            if (directory is not null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
