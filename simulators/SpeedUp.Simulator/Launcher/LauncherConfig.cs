namespace SpeedUp.Simulator;

/// <summary>The launcher config (simulators/simulators.json): where to keep state and which networks to start.</summary>
public sealed class LauncherConfig
{
    /// <summary>Host keys, sshd configs and logs, one sub-directory per network (kept across runs so host keys stay stable).</summary>
    public string StateDirectory { get; set; } = "../.run/simulators";

    /// <summary>TCP port of the HTTP/JSON control endpoint on 127.0.0.1 (<see cref="SimulatorControlServer"/>); 0 = off.</summary>
    public int ControlPort { get; set; } = SimulatorControlServer.DefaultPort;

    /// <summary>The networks written in the config itself; started first, in this order.</summary>
    public List<LauncherNetworkConfig> Networks { get; set; } = [];

    /// <summary>
    /// Glob patterns of network files, relative to the config file's directory, <c>*</c> in the file name only (e.g.
    /// <c>networks/*.network.json</c>). Each matching file holds one network (the keys of a <see cref="Networks"/> entry,
    /// its relative paths resolved against that file's directory); they start after <see cref="Networks"/>, sorted by file name.
    /// </summary>
    public List<string> NetworkFiles { get; set; } = [];
}
