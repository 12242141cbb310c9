using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SpeedUp.Simulator;

/// <summary>
/// Real OpenSSH sshd on 127.0.0.1 in front of a simulator's CLI socket: its own ed25519 host key, config and password,
/// login for one account the simulator created (<see cref="SimulatorAccounts"/>: locked system password, the CLI bridge
/// as login shell), and a <c>ForceCommand</c> naming the CLI the bridge connects to. Disposing kills sshd and the
/// sessions it spawned, unregisters the CLI and releases the account (removed when no other front uses it).
/// </summary>
public sealed class OpenSshFront : IAsyncDisposable
{
    public const string Sshd = "/usr/sbin/sshd";
    public const string Socat = "/usr/bin/socat";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger;
    private readonly TimeSpan _startTimeout;
    private readonly SimulatorAccountLease _account;
    private readonly string _cliName;
    private Process? _process;
    private bool _ownsStateDirectory;

    private OpenSshFront(
        Process process, int port, string stateDirectory, string user, SimulatorAccountLease account, string cliName, string password, string fingerprint, TimeSpan startTimeout, ILogger logger)
    {
        _process = process;
        _account = account;
        _cliName = cliName;
        _startTimeout = startTimeout;
        Port = port;
        StateDirectory = stateDirectory;
        User = user;
        Password = password;
        HostKeySha256 = fingerprint;
        _logger = logger;
    }

    public int Port { get; }

    public string StateDirectory { get; }

    public string User { get; }

    public string Password { get; }

    /// <summary>The host key fingerprint as OpenSSH prints it ("SHA256:…").</summary>
    public string HostKeySha256 { get; private set; }

    /// <summary>True while sshd runs and accepts connections (false after <see cref="StopListeningAsync"/>).</summary>
    public bool IsListening => Volatile.Read(ref _process) is not null;

    /// <summary>
    /// Fault: sshd refuses (or again accepts) the user's logins, whatever the password (DenyUsers + SIGHUP). While
    /// the front is stopped only the config changes; <see cref="ResumeAsync"/> starts sshd with it.
    /// </summary>
    public async Task RefuseLoginsAsync(bool refuse, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await SshdReloader.SetDenyUserAsync(ConfigPath, User, refuse, ct);
            if (_process is { } process)
            {
                await SshdReloader.ReloadAsync(process.Id, LogPath, Port, ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Fault: a new host key (as after a device replacement); returns the new fingerprint, also in <see cref="HostKeySha256"/>.</summary>
    public async Task<string> RotateHostKeyAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            HostKeySha256 = await SshdReloader.RegenerateHostKeyAsync(HostKeyPath, ct);
            if (_process is { } process)
            {
                await SshdReloader.ReloadAsync(process.Id, LogPath, Port, ct);
            }

            return HostKeySha256;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Fault (the SSH face goes dark): kills sshd and every SSH session it spawned; new connections to
    /// <see cref="Port"/> are refused until <see cref="ResumeAsync"/>. No-op when already stopped.
    /// </summary>
    public async Task StopListeningAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (Interlocked.Exchange(ref _process, null) is not { } process)
            {
                return;
            }

            _logger.LogInformation("Stopping sshd {Pid} on port {Port} (dark)", process.Id, Port);
            await SshdProcess.StopAsync(process);
            process.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Starts sshd again after <see cref="StopListeningAsync"/>: same port, host key and config (faults included);
    /// returns once the port accepts TCP. No-op when it is listening.
    /// </summary>
    /// <exception cref="InvalidOperationException">sshd did not start (e.g. the port was taken meanwhile).</exception>
    public async Task ResumeAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_process is not null)
            {
                return;
            }

            var logStart = File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;
            var process = SshdProcess.StartSshd(ConfigPath, LogPath, ShadowOverlayPath);
            if (!await SshdProcess.WaitForPortAsync(process, PidFilePath, Port, _startTimeout, ct))
            {
                var exited = process.HasExited ? $"sshd exited with code {process.ExitCode}" : $"sshd did not start within {_startTimeout.TotalSeconds:0.#} s";
                await SshdProcess.StopAsync(process);
                process.Dispose();
                throw new InvalidOperationException($"{exited} on 127.0.0.1:{Port} (state {StateDirectory}). sshd log:{Environment.NewLine}{SshdProcess.ReadLogSince(LogPath, logStart)}");
            }

            Volatile.Write(ref _process, process);
            _logger.LogInformation("sshd {Pid} listening again on 127.0.0.1:{Port}", process.Id, Port);
        }
        finally
        {
            _gate.Release();
        }
    }

    public string HostKeyPath => Path.Combine(StateDirectory, "ssh_host_ed25519_key");

    public string ConfigPath => Path.Combine(StateDirectory, "sshd_config");

    public string LogPath => Path.Combine(StateDirectory, "sshd.log");

    private string PidFilePath => Path.Combine(StateDirectory, "sshd.pid");

    private string ShadowOverlayPath => Path.Combine(StateDirectory, "etc-overlay");

    /// <summary>The running sshd's pid.</summary>
    /// <exception cref="InvalidOperationException">sshd is stopped (<see cref="StopListeningAsync"/>).</exception>
    public int ProcessId => (Volatile.Read(ref _process) ?? throw new InvalidOperationException("sshd is stopped (the SSH face is dark).")).Id;

    /// <summary>Starts sshd bridging to <paramref name="cliSocketPath"/>; returns once the port accepts TCP.</summary>
    public static async Task<OpenSshFront> StartAsync(SshFrontOptions options, string cliSocketPath, ILogger? logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(cliSocketPath);
        logger ??= NullLogger.Instance;
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The OpenSSH front runs on Linux only.");
        }

        SshdProcess.CheckTools();
        if (cliSocketPath.IndexOfAny([' ', '\t', ',', ':', '!', '"', '\'']) >= 0)
        {
            throw new ArgumentException($"The CLI socket path '{cliSocketPath}' must not contain blanks, quotes, ',', ':' or '!' (socat address syntax).", nameof(cliSocketPath));
        }

        SimulatorAccounts.Validate(options.User);
        SshdShadow.ValidatePassword(options.Password);
        var state = Path.GetFullPath(options.StateDirectory ?? Directory.CreateTempSubdirectory("brassim-ssh-").FullName);
        if (state.IndexOfAny([',', ':', '"', '\\']) >= 0)
        {
            throw new ArgumentException($"The SSH state directory '{state}' must not contain ',', ':', '\\' or quotes (mount option syntax).", nameof(options));
        }

        var account = await SimulatorAccounts.AcquireAsync(options.User, Environment.ProcessId, logger, ct);
        var cliName = CliBridge.Register(cliSocketPath);
        try
        {
            return await LaunchAsync(options, state, account, cliName, logger, ct);
        }
        catch
        {
            CliBridge.Unregister(cliName);
            await account.DisposeAsync();
            throw;
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static async Task<OpenSshFront> LaunchAsync(
        SshFrontOptions options, string state, SimulatorAccountLease account, string cliName, ILogger logger, CancellationToken ct)
    {
        Directory.CreateDirectory(state);
        Directory.CreateDirectory("/run/sshd");
        File.SetUnixFileMode("/run/sshd", (UnixFileMode)0b111_101_101);
        var hostKey = Path.Combine(state, "ssh_host_ed25519_key");
        await SshHostKey.EnsureAsync(hostKey, ct);
        var fingerprint = SshHostKey.Sha256Fingerprint(await File.ReadAllTextAsync(hostKey + ".pub", ct));
        var shadowOverlay = SshdShadow.Write(state, options.User, options.Password);

        // sshd reads authorized_keys as the login user: the file (and its folder) must be readable by it.
        var authorizedKeys = Path.Combine(state, "authorized_keys");
        await File.WriteAllLinesAsync(authorizedKeys, options.AuthorizedKeys, ct);
        File.SetUnixFileMode(authorizedKeys, (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(state, File.GetUnixFileMode(state) | (UnixFileMode)0b000_101_101);
        var pidFile = Path.Combine(state, "sshd.pid");
        SshdProcess.KillStaleSshd(pidFile, Path.Combine(state, "sshd_config"), logger);

        var attempts = options.Port == 0 ? 5 : 1;
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port == 0 ? SshdProcess.PickFreePort() : options.Port;
            var logPath = Path.Combine(state, "sshd.log");
            var logStart = File.Exists(logPath) ? new FileInfo(logPath).Length : 0;
            var process = await SshdProcess.LaunchAsync(state, port, hostKey, pidFile, options.User, cliName, authorizedKeys, shadowOverlay, ct);
            var started = await SshdProcess.WaitForPortAsync(process, pidFile, port, options.StartTimeout, ct);
            if (started)
            {
                logger.LogInformation("sshd {Pid} listening on 127.0.0.1:{Port} for {User}, host key {Fingerprint}",
                    process.Id, port, options.User, fingerprint);
                return new OpenSshFront(process, port, state, options.User, account, cliName, options.Password, fingerprint, options.StartTimeout, logger)
                {
                    _ownsStateDirectory = options.StateDirectory is null,
                };
            }

            var exited = process.HasExited ? $"sshd exited with code {process.ExitCode}" : $"sshd did not start within {options.StartTimeout.TotalSeconds:0.#} s";
            await SshdProcess.StopAsync(process);
            process.Dispose();
            var log = SshdProcess.ReadLogSince(logPath, logStart);
            if (attempt >= attempts || !log.Contains("Address already in use", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"{exited} on 127.0.0.1:{port} (state {state}). sshd log:{Environment.NewLine}{log}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (Interlocked.Exchange(ref _process, null) is { } process)
            {
                _logger.LogInformation("Stopping sshd {Pid} on port {Port}", process.Id, Port);
                await SshdProcess.StopAsync(process);
                process.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }

        if (OperatingSystem.IsLinux())
        {
            CliBridge.Unregister(_cliName);
            await _account.DisposeAsync();
        }
        if (_ownsStateDirectory)
        {
            try
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }
}
