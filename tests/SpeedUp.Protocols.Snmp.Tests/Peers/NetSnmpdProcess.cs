using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SpeedUp.Protocols.Snmp.Tests.Peers;

/// <summary>A v3 user as net-snmp's <c>createUser</c> spells it (auth SHA or SHA-256, privacy AES-128).</summary>
internal sealed record NetSnmpdUser(string Name, string AuthProtocol, string AuthPassword, string PrivPassword, bool CanWrite);

/// <summary>
/// A private net-snmp snmpd on 127.0.0.1:&lt;free port&gt;: own snmpd.conf, persistent dir and log in a temp
/// dir (recipe and pitfalls: shared/docs/real-peers.md). No xunit dependency, so the benchmark program links
/// this file too. Stopped (with its pass_persist child) and cleaned up on dispose.
/// </summary>
internal sealed class NetSnmpdProcess : IAsyncDisposable
{
    public const string SnmpdPath = "/usr/sbin/snmpd";
    public const string PythonPath = "/usr/bin/python3";
    public const string ReadCommunity = "public";
    public const string WriteCommunity = "private";

    /// <summary>The subtree served by the pass_persist script.</summary>
    public const string RatesRoot = "1.3.6.1.4.1.3902.6051.1.1.1";

    public static readonly NetSnmpdUser ShaAes = new("shaaes", "SHA", "sha-auth-pass1", "sha-priv-pass1", CanWrite: true);
    public static readonly NetSnmpdUser Sha256Aes = new("sha256aes", "SHA-256", "sha256-auth-pass1", "sha256-priv-pass1", CanWrite: true);
    public static readonly NetSnmpdUser ReadOnly = new("readonly", "SHA", "ro-auth-pass1", "ro-priv-pass1", CanWrite: false);

    public static IReadOnlyList<NetSnmpdUser> Users { get; } = [ShaAes, Sha256Aes, ReadOnly];

    private static readonly ObjectIdentifier SysUpTime = ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0");
    private const int MaxStartAttempts = 3;
    private static readonly TimeSpan ReadyBudget = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly StringBuilder _output = new();

    private NetSnmpdProcess(Process process, DirectoryInfo directory, IPEndPoint endpoint)
    {
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
    }

    /// <summary>udp:127.0.0.1:port of the agent.</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>How long from process start to the first answer (and, with pass_persist, to a warm script).</summary>
    public TimeSpan StartupTime { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>snmpd's process id (the benchmark reads its CPU time from /proc).</summary>
    public int ProcessId => _process.Id;

    /// <summary>snmpd's log file plus anything it wrote on stdout/stderr (for failure messages).</summary>
    public string ReadLog()
    {
        var log = Path.Combine(_directory.FullName, "snmpd.log");
        string stdio;
        lock (_output)
        {
            stdio = _output.ToString();
        }

        return (File.Exists(log) ? File.ReadAllText(log) : "(no log file)") + stdio;
    }

    /// <summary>Whether snmpd is installed (callers fail with "run scripts/setup.sh" when not).</summary>
    public static bool IsInstalled => File.Exists(SnmpdPath) && File.Exists(PythonPath);

    /// <summary>Starts snmpd and waits until it answers a v2c GET (at most 10 s per attempt, 3 attempts on port races).</summary>
    /// <param name="passPersistScript">Absolute path of a python pass_persist script for <see cref="RatesRoot"/>, or null.</param>
    public static async Task<NetSnmpdProcess> StartAsync(string? passPersistScript, CancellationToken cancellationToken)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"net-snmp snmpd ({SnmpdPath}) or {PythonPath} is missing: run scripts/setup.sh (as root) first.");
        }

        string? lastLog = null;
        for (var attempt = 1; attempt <= MaxStartAttempts; attempt++)
        {
            var peer = Launch(FreeUdpPort(), passPersistScript);
            try
            {
                if (await peer.WaitUntilAnsweringAsync(passPersistScript is not null, cancellationToken))
                {
                    return peer;
                }

                lastLog = peer.ReadLog();
            }
            catch
            {
                await peer.DisposeAsync();
                throw;
            }

            await peer.DisposeAsync();
        }

        throw new InvalidOperationException($"snmpd did not answer after {MaxStartAttempts} attempts. Last log:\n{lastLog}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
        }
        finally
        {
            _process.Dispose();
            try
            {
                _directory.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static NetSnmpdProcess Launch(int port, string? passPersistScript)
    {
        var directory = Directory.CreateTempSubdirectory("speedup-snmpd-");
        var persistent = directory.CreateSubdirectory("persist");
        var config = Path.Combine(directory.FullName, "snmpd.conf");
        File.WriteAllText(config, Config(port, passPersistScript));
        var start = new ProcessStartInfo(SnmpdPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory.FullName,
        };
        start.Environment["MIBS"] = "";
        start.Environment["SNMP_PERSISTENT_DIR"] = persistent.FullName;
        start.Environment["SNMPCONFPATH"] = directory.FullName;
        foreach (var argument in new[] { "-f", "-C", "-c", config, "-Lf", Path.Combine(directory.FullName, "snmpd.log"), "-p", Path.Combine(directory.FullName, "snmpd.pid") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + SnmpdPath);
        var peer = new NetSnmpdProcess(process, directory, new IPEndPoint(IPAddress.Loopback, port));
        process.OutputDataReceived += (_, e) => peer.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>snmpd.conf: communities, the v3 users (net-snmp 5.9 createUser syntax) and the pass_persist table.</summary>
    private static string Config(int port, string? passPersistScript)
    {
        var config = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"agentAddress udp:127.0.0.1:{port}")
            .AppendLine(CultureInfo.InvariantCulture, $"rocommunity {ReadCommunity} 127.0.0.1")
            .AppendLine(CultureInfo.InvariantCulture, $"rwcommunity {WriteCommunity} 127.0.0.1")
            // Every request would otherwise log a "Connection from UDP" line (and slow the benchmark).
            .AppendLine("dontLogTCPWrappersConnects yes");
        foreach (var user in Users)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"createUser {user.Name} {user.AuthProtocol} \"{user.AuthPassword}\" AES \"{user.PrivPassword}\"")
                .AppendLine(CultureInfo.InvariantCulture, $"{(user.CanWrite ? "rwuser" : "rouser")} {user.Name} priv");
        }

        if (passPersistScript is not null)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"pass_persist .{RatesRoot} {PythonPath} {passPersistScript}");
        }

        return config.ToString();
    }

    private async Task<bool> WaitUntilAnsweringAsync(bool warmPassPersist, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var manager = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0 });
        var probe = warmPassPersist ? ObjectIdentifier.Parse(RatesRoot) : SysUpTime;
        for (var attempt = 0; attempt < 50 && Stopwatch.GetElapsedTime(started) < ReadyBudget; attempt++)
        {
            if (_process.HasExited)
            {
                return false;
            }

            try
            {
                var answer = await manager.GetNextAsync(Endpoint, ReadCommunity, [probe], cancellationToken);
                if (!warmPassPersist || answer[0].Oid.StartsWith(probe))
                {
                    StartupTime = Stopwatch.GetElapsedTime(started);
                    return true;
                }
            }
            catch (SnmpTimeoutException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        return false;
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
