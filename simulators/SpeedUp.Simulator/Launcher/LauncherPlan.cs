namespace SpeedUp.Simulator;

/// <summary>What a launcher config asks for: the networks to start and the control endpoint's port (0 = off).</summary>
public sealed record LauncherPlan(IReadOnlyList<(string Name, BrasSimulatorOptions Options)> Networks, int ControlPort);
