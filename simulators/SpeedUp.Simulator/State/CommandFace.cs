namespace SpeedUp.Simulator;

/// <summary>Which face of the simulated equipment received a command.</summary>
public enum CommandFace
{
    /// <summary>A vendor CLI face (Unix socket, usually reached through sshd).</summary>
    Cli,

    /// <summary>The SNMP v2c agent.</summary>
    Snmp,

    /// <summary>The in-process control API (tests, launcher).</summary>
    Control,

    /// <summary>The RADIUS Change-of-Authorization face (RFC 5176 CoA-Request / Disconnect-Request on UDP).</summary>
    Coa,
}
