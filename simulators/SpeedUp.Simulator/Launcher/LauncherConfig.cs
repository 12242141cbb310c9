namespace SpeedUp.Simulator;

/// <summary>The launcher config (simulators/simulators.json): where to keep state and which networks to start.</summary>
public sealed class LauncherConfig
{
    /// <summary>Host keys, sshd configs and logs, one sub-directory per network (kept across runs so host keys stay stable).</summary>
    public string StateDirectory { get; set; } = "../.run/simulators";

    /// <summary>TCP port of the HTTP/JSON control endpoint on 127.0.0.1 (<see cref="SimulatorControlServer"/>); 0 = off.</summary>
    public int ControlPort { get; set; } = SimulatorControlServer.DefaultPort;

    public List<LauncherNetworkConfig> Networks { get; set; } = [];
}
