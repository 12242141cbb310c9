namespace SpeedUp.Simulator;

/// <summary>
/// The login shell of the simulator's accounts, and the registry of CLIs it may reach. It is not a shell: it never runs
/// a command. sshd runs a login shell as <c>&lt;shell&gt; -c &lt;command&gt;</c>; the simulator's sshd forces the command
/// to the registered name of its CLI (<c>ForceCommand</c>), and the bridge connects the session to the socket registered
/// under that name (<see cref="SimulatorAccountPaths.CliRegistry"/>, root's). Any other use — an interactive login, a
/// command, a name nobody registered — is refused. The script never evaluates its arguments.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class CliBridge
{
    private const string Refusal = "This account only reaches a BRAS simulator's CLI.";

    public static string Script { get; } = string.Join('\n',
        "#!/bin/sh",
        "# Login shell of the SpeedUp BRAS simulator's accounts; written by the simulator (edits are lost). Not a shell:",
        "# it runs no command, it only connects a session to a simulator CLI registered in " + SimulatorAccountPaths.CliRegistry + ".",
        "PATH=/usr/bin:/bin",
        "if [ \"$#\" -ne 2 ] || [ \"$1\" != \"-c\" ]; then echo \"" + Refusal + "\" >&2; exit 1; fi",
        "case \"$2\" in ''|*[!A-Za-z0-9_-]*) echo \"" + Refusal + "\" >&2; exit 1 ;; esac",
        "socket=\"" + SimulatorAccountPaths.CliRegistry + "/$2\"",
        "if [ ! -S \"$socket\" ]; then echo \"" + Refusal + " No simulator CLI is registered as '$2'.\" >&2; exit 1; fi",
        // With a pty (SSH.NET shell streams, ssh -t): raw bytes, the simulator echoes. Without one (ssh -T, exec channels)
        // raw would fail on a pipe. -t 0.05: when the simulator closes a session, close the channel at once (a VTY drop).
        "if [ -t 0 ]; then exec " + OpenSshFront.Socat + " -t 0.05 STDIO,raw,echo=0 \"UNIX-CONNECT:$socket\"; fi",
        "exec " + OpenSshFront.Socat + " -t 0.05 STDIO \"UNIX-CONNECT:$socket\"",
        string.Empty);

    /// <summary>Writes the bridge (root-owned, 0755) unless it is already there as it should be. Call under <see cref="AccountLock"/>.</summary>
    public static void Install()
    {
        var path = SimulatorAccountPaths.BridgeShell;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path) || File.ReadAllText(path) != Script)
        {
            var temporary = path + ".new";
            File.WriteAllText(temporary, Script);
            File.SetUnixFileMode(temporary, ReadExecute | UnixFileMode.UserWrite);
            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>Registers <paramref name="socketPath"/> under a fresh name, the one the sshd forces as command.</summary>
    public static string Register(string socketPath)
    {
        Directory.CreateDirectory(SimulatorAccountPaths.CliRegistry);
        File.SetUnixFileMode(SimulatorAccountPaths.CliRegistry, ReadExecute | UnixFileMode.UserWrite);
        foreach (var link in Directory.GetFiles(SimulatorAccountPaths.CliRegistry))
        {
            // A front that never stopped (a crash, an undisposed simulator) leaves its link; once its socket is gone, drop it.
            if (new FileInfo(link).LinkTarget is { } target && !File.Exists(target))
            {
                File.Delete(link);
            }
        }

        var name = "cli-" + Guid.NewGuid().ToString("N");
        File.CreateSymbolicLink(Path.Combine(SimulatorAccountPaths.CliRegistry, name), Path.GetFullPath(socketPath));
        return name;
    }

    public static void Unregister(string name) => File.Delete(Path.Combine(SimulatorAccountPaths.CliRegistry, name));

    private const UnixFileMode ReadExecute = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
        | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
}
