namespace SpeedUp.Simulator;

/// <summary>
/// Where the simulator keeps what marks an account as its own, and the pieces its accounts use. All root-owned; only
/// root (the simulator) writes them.
/// </summary>
internal static class SimulatorAccountPaths
{
    /// <summary>One file per account the simulator created (content: its uid). Persistent: accounts outlive a crash.</summary>
    public const string Records = "/var/lib/speedup-simulator/accounts";

    /// <summary>One folder per account, one file per simulator using it (content: pid and start time). Gone at reboot, like the processes.</summary>
    public const string Leases = "/run/speedup-simulator/leases";

    /// <summary>Held (flock) while accounts are created, leased, released or removed, by every simulator process.</summary>
    public const string LockFile = "/run/speedup-simulator/accounts.lock";

    /// <summary>The login shell of every simulator account (<see cref="CliBridge"/>): not a shell, it reaches a simulator CLI only.</summary>
    public const string BridgeShell = "/usr/local/libexec/speedup-simulator/cli-shell";

    /// <summary>The CLIs the bridge may reach: <c>&lt;name&gt;</c> → a simulator's CLI socket (symbolic links).</summary>
    public const string CliRegistry = "/run/speedup-simulator/cli";

    /// <summary>The GECOS field of every simulator account.</summary>
    public const string Marker = "SpeedUp BRAS simulator CLI account";

    /// <summary>Accounts below this uid are system accounts: always refused.</summary>
    public const int FirstUserUid = 1000;
}
