namespace SpeedUp.Simulator;

/// <summary>A snapshot of the faults injected into a <see cref="BrasSimulator"/> (see <see cref="BrasSimulator.DescribeFaults"/>).</summary>
/// <param name="CliLatencyMs"><see cref="SimulatorFaults.CommandLatency"/> in ms.</param>
/// <param name="CliLineDelayMs"><see cref="SimulatorFaults.LineDelay"/> in ms (slow output).</param>
/// <param name="ForcePaging"><see cref="SimulatorFaults.ForcePaging"/>.</param>
/// <param name="Garble"><see cref="SimulatorFaults.Garble"/>.</param>
/// <param name="DropNextArmed"><see cref="SimulatorFaults.DropArmed"/>.</param>
/// <param name="CliDropRatio"><see cref="SimulatorFaults.CliDropRatio"/> (0..1).</param>
/// <param name="SnmpLatencyMs"><see cref="SimulatorFaults.SnmpLatency"/> in ms.</param>
/// <param name="SnmpDropRatio"><see cref="SimulatorFaults.SnmpDropRatio"/> (0..1).</param>
/// <param name="SnmpDark"><see cref="SimulatorFaults.SnmpDark"/>.</param>
/// <param name="SshDark"><see cref="SimulatorFaults.SshDark"/>.</param>
/// <param name="CoaLatencyMs"><see cref="SimulatorFaults.CoaLatency"/> in ms.</param>
/// <param name="CoaDropRatio"><see cref="SimulatorFaults.CoaDropRatio"/> (0..1).</param>
/// <param name="CoaDark"><see cref="SimulatorFaults.CoaDark"/>.</param>
/// <param name="CoaNakStorm"><see cref="SimulatorFaults.CoaNakStorm"/>.</param>
/// <param name="CoaAnswersLost"><see cref="SimulatorFaults.CoaAnswersLost"/>.</param>
/// <param name="ForcedPageLength"><see cref="SimulatorFaults.ForcedPageLength"/>.</param>
/// <param name="VanishedAccount"><see cref="SimulatorFaults.VanishedAccount"/> (null: none).</param>
public sealed record SimulatorFaultState(
    long CliLatencyMs,
    long CliLineDelayMs,
    bool ForcePaging,
    GarbleMode Garble,
    bool DropNextArmed,
    double CliDropRatio,
    long SnmpLatencyMs,
    double SnmpDropRatio,
    bool SnmpDark,
    bool SshDark,
    long CoaLatencyMs = 0,
    double CoaDropRatio = 0,
    bool CoaDark = false,
    bool CoaNakStorm = false,
    bool CoaAnswersLost = false,
    int ForcedPageLength = CliSessionContext.DefaultPageLength,
    string? VanishedAccount = null);
