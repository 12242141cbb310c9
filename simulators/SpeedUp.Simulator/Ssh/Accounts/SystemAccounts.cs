namespace SpeedUp.Simulator;

/// <summary>The shadow utilities, as the simulator uses them: look an account up, create one of its own, delete one.</summary>
internal static class SystemAccounts
{
    public const string GetEnt = "/usr/bin/getent";
    public const string UserAdd = "/usr/sbin/useradd";
    public const string UserDel = "/usr/sbin/userdel";

    public static void CheckTools()
    {
        foreach (var tool in new[] { GetEnt, UserAdd, UserDel })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"'{tool}' is missing: the SSH front needs the shadow utilities (passwd package) and getent (libc-bin).");
            }
        }
    }

    /// <summary>The account named <paramref name="user"/>, or null when there is none.</summary>
    public static async Task<PasswdEntry?> FindAsync(string user, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(GetEnt, ["passwd", user], null, ct);
        if (result.ExitCode == 2)
        {
            return null;
        }

        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"getent passwd {user} failed ({result.ExitCode}): {result.Output}");
        }

        return PasswdEntry.Parse(result.StandardOutput)
            ?? throw new InvalidOperationException($"getent passwd {user} printed an unreadable entry.");
    }

    /// <summary>
    /// Creates a simulator account: no home (home "/"), the CLI bridge as its shell, the marker as GECOS and a locked
    /// password (<c>!</c>), so no PAM service — the system's sshd, login, su — ever accepts a password for it.
    /// </summary>
    public static async Task<PasswdEntry> CreateAsync(string user, CancellationToken ct)
    {
        var add = await ProcessRunner.RunAsync(
            UserAdd, ["-M", "-d", "/", "-s", SimulatorAccountPaths.BridgeShell, "-c", SimulatorAccountPaths.Marker, "-p", "!", user], null, ct);
        var created = await FindAsync(user, ct);
        if (add.ExitCode != 0 || created is null)
        {
            throw new InvalidOperationException($"useradd {user} failed ({add.ExitCode}): {add.Output}");
        }

        return created;
    }

    /// <summary>Deletes the account (never its home: it is "/"). True when it is gone.</summary>
    public static async Task<bool> DeleteAsync(string user, CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync(UserDel, [user], null, ct);
        if (result.ExitCode != 0 && await FindAsync(user, ct) is not null)
        {
            // 8: still logged in (an SSH session sshd had not reaped yet). The account is ours: force it.
            result = await ProcessRunner.RunAsync(UserDel, ["-f", user], null, ct);
        }

        return await FindAsync(user, ct) is null;
    }
}
