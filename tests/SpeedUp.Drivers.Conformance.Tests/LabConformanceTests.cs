using SpeedUp.Drivers.Conformance.Tests.Targets;

namespace SpeedUp.Drivers.Conformance.Tests;

/// <summary>
/// The kit in lab mode: against the device of <c>SPEEDUP_CONFORMANCE_LAB</c> when it is set (checks the device cannot
/// support are skipped with the reason), else as a rehearsal of lab mode on the simulator (every check runs).
/// </summary>
public sealed class LabConformanceTests(LabTarget target) : DriverConformanceTests<LabTarget>(target);
