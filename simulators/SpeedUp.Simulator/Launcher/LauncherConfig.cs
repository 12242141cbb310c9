namespace SpeedUp.Simulator;

/// <summary>The launcher config (simulators/simulators.json): where to keep state and which networks to start.</summary>
public sealed class LauncherConfig
{
    /// <summary>Host keys, sshd configs and logs, one sub-directory per network (kept across runs so host keys stay stable).</summary>
    public string StateDirectory { get; set; } = "../.run/simulators";

    public List<LauncherNetworkConfig> Networks { get; set; } = [];
}
