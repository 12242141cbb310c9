using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Simulator;

/// <summary>The sshd process of an <see cref="OpenSshFront"/>: tools, launch, readiness, stale processes, its log and stop.</summary>
internal static class SshdProcess
{
    private const string SetupHint = "run scripts/setup.sh (as root) to install openssh-server and socat";

    private static string Sshd => OpenSshFront.Sshd;

    private const string Unshare = "/usr/bin/unshare";
    private const string Mount = "/usr/bin/mount";

    private static string Socat => OpenSshFront.Socat;

    internal static void CheckTools()
    {
        foreach (var tool in new[] { Sshd, Socat, SshHostKey.SshKeygen, Unshare, Mount })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"'{tool}' is missing: {SetupHint}.");
            }
        }
    }

    internal static async Task<Process> LaunchAsync(
        string state, int port, string hostKey, string pidFile, string user, string cliName, string authorizedKeys, string shadowOverlay, CancellationToken ct)
    {
        var config = Path.Combine(state, "sshd_config");
        // The account's login shell is the CLI bridge: sshd runs it as "<bridge> -c <ForceCommand>", and the bridge
        // connects to the CLI registered under that name (and nothing else).
        await File.WriteAllTextAsync(config, SshdConfig.Render(port, hostKey, pidFile, user, cliName, authorizedKeys), ct);
        var check = await ProcessRunner.RunAsync(Sshd, ["-t", "-f", config], null, ct);
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException($"sshd -t rejected {config} ({check.ExitCode}): {check.Output}");
        }

        return StartSshd(config, Path.Combine(state, "sshd.log"), shadowOverlay);
    }

    /// <summary>
    /// Starts sshd in a mount namespace of its own where a read-only overlay of <paramref name="shadowOverlay"/> on /etc
    /// gives it the front's own /etc/shadow (<see cref="SshdShadow"/>); the rest of /etc shows through, and nothing changes
    /// outside the namespace. unshare and sh exec, so the process is sshd itself (its pid is the pid file's).
    /// </summary>
    internal static Process StartSshd(string config, string logPath, string shadowOverlay)
    {
        var info = new ProcessStartInfo(Unshare)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                     "mount -t overlay speedup-simulator-sshd -o \"lowerdir=$1:/etc\" /etc && exec \"$2\" -D -f \"$3\" -E \"$4\"",
                     "speedup-sshd", shadowOverlay, Sshd, config, logPath,
                 })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + Sshd + ".");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Ready = sshd wrote its pid file (it does so after binding, so a port held by someone else does not
    /// count) and the port accepts TCP.
    /// </summary>
    internal static async Task<bool> WaitForPortAsync(Process process, string pidFile, int port, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                return false;
            }

            if (!File.Exists(pidFile) || File.ReadAllText(pidFile).Trim() != process.Id.ToString())
            {
                await Task.Delay(10, ct);
                continue;
            }

            using var client = new TcpClient(AddressFamily.InterNetwork);
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(25, ct);
            }
        }

        return false;
    }

    internal static int PickFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills an sshd left behind by a crashed run that used the same state directory.</summary>
    internal static void KillStaleSshd(string pidFile, string configPath, ILogger logger)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return;
        }

        var cmdline = "/proc/" + pid + "/cmdline";
        if (File.Exists(cmdline) && File.ReadAllText(cmdline).Contains(configPath, StringComparison.Ordinal))
        {
            logger.LogWarning("Killing stale sshd {Pid} of {Config}", pid, configPath);
            using (var stale = Process.GetProcessById(pid))
            {
                stale.Kill(entireProcessTree: true);
            }

            // Not our child, so no waitpid: poll until it is gone or a zombie (empty cmdline).
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < 3000 && File.Exists(cmdline) && File.ReadAllText(cmdline).Length > 0)
            {
                Thread.Sleep(10);
            }
        }

        File.Delete(pidFile);
    }

    internal static string ReadLogSince(string path, long offset)
    {
        if (!File.Exists(path))
        {
            return "(no log)";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Trim();
        return text.Length == 0 ? "(empty)" : text;
    }

    internal static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // already gone, or did not die in time: nothing more to do
        }
    }
}
