namespace SpeedUp.Drivers.Conformance;

/// <summary>
/// The contract rules the conformance kit checks (docs/conformance.md). A <see cref="ConformanceException"/> names the
/// rule it found broken; its id (<see cref="ConformanceRules.Id"/>) is stable for reports and waivers.
/// </summary>
public enum ConformanceRule
{
    /// <summary>CK01: the factory's name is the declared driver name; declared directions can be set, undeclared and undefined ones are refused.</summary>
    DeclaredCapabilities = 1,

    /// <summary>CK02: the line behind (ip, port) is found with its reference, address, block and rates; an address nobody holds gives null.</summary>
    FindLine = 2,

    /// <summary>CK03: behind a shared CGNAT address the port picks the line; a port outside every block gives null.</summary>
    FindCgnat = 3,

    /// <summary>CK04: a line read through the driver shows the rates and capability the equipment holds.</summary>
    ReadMatchesEquipment = 4,

    /// <summary>CK05: a rate set is on the equipment, and the rates returned equal a fresh independent read.</summary>
    SetReadBack = 5,

    /// <summary>CK06: the original rate restored is on the equipment, and the rates returned equal a fresh independent read.</summary>
    RestoreReadBack = 6,

    /// <summary>CK07: a rate above the line's capability is <see cref="DriverFailure.Rejected"/> and changes nothing.</summary>
    OutOfCapabilityRejected = 7,

    /// <summary>CK08: a line the equipment does not hold is <see cref="DriverFailure.LineNotFound"/> (read and write) and changes nothing.</summary>
    UnknownLineNotFound = 8,

    /// <summary>CK09: a device slower than OperationTimeout gives <see cref="DriverFailure.Timeout"/> in time; the next call works.</summary>
    TimeoutHonoured = 9,

    /// <summary>CK10: a cancelled call ends promptly with <see cref="OperationCanceledException"/> and sends nothing; the next call works.</summary>
    CancellationHonoured = 10,

    /// <summary>CK11: values outside the grammar (metacharacters, line breaks, quotes, Unicode, bad ports and rates) are <see cref="DriverFailure.InvalidValue"/> and reach no device.</summary>
    NoInjection = 11,

    /// <summary>CK12: the probe reports a healthy equipment, without secrets.</summary>
    ProbeHealthy = 12,

    /// <summary>CK13: no driver message (exception or probe detail) contains the channel's secrets.</summary>
    NoSecretsInMessages = 13,

    /// <summary>
    /// CK14: during a check the equipment receives only lines and requests the driver declares (<see cref="IDriverDryRun"/>:
    /// the operations' steps and its session steps) for the operations the check called — no stray <c>system-view</c>,
    /// <c>display current-configuration</c> or extra GET.
    /// </summary>
    UndeclaredTraffic = 14,

    /// <summary>CK15: with the device's pager forced on (a page shorter than one subscriber block), find and read give what the equipment holds.</summary>
    PagedOutput = 15,

    /// <summary>
    /// CK16: a subscriber that vanished between the driver's read and its write (the set command itself answers "no such
    /// subscriber") is <see cref="DriverFailure.LineNotFound"/>, not Rejected or ProtocolError, and nothing changes.
    /// </summary>
    VanishedLineNotFound = 16,

    /// <summary>CK00: the target lacks what a check needs (a simulator target must support every check).</summary>
    TargetCapability = 0,
}

/// <summary>Stable ids of the rules (<c>CK01</c>…).</summary>
public static class ConformanceRules
{
    /// <summary>The rule's id, e.g. <c>CK05</c>.</summary>
    public static string Id(this ConformanceRule rule) => "CK" + ((int)rule).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}
