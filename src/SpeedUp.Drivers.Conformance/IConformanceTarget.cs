using System.Net;

namespace SpeedUp.Drivers.Conformance;

/// <summary>Where the kit runs: a simulator (CI; every check runs) or a real device (lab mode; see docs/conformance.md).</summary>
public enum ConformanceMode
{
    /// <summary>Backed by the BRAS simulator: every capability is required, a missing one fails.</summary>
    Simulator,

    /// <summary>A real device from a lab file: checks the target cannot support are reported as not run.</summary>
    Lab,
}

/// <summary>What a target can do for the kit beyond reading lines.</summary>
[Flags]
public enum TargetCapabilities
{
    /// <summary>Read-only checks only.</summary>
    None = 0,

    /// <summary>Rates of the test line may be changed (always restored).</summary>
    Writes = 1,

    /// <summary>A delay can be injected into the device's answers (<see cref="IConformanceTarget.SetDeviceDelayAsync"/>).</summary>
    DeviceDelay = 2,

    /// <summary>The equipment's audit of received state-changing commands is visible (<see cref="IConformanceTarget.ReadAuditAsync"/>).</summary>
    Audit = 4,

    /// <summary>A shared CGNAT address with port blocks is known (<see cref="IConformanceTarget.Cgnat"/>).</summary>
    Cgnat = 8,

    /// <summary>
    /// Every line and request the equipment received is visible (<see cref="IConformanceTarget.ReadReceivedAsync"/>),
    /// whatever it changed: after each check, CK14 proves nothing arrived that the driver does not declare.
    /// </summary>
    Traffic = 16,

    /// <summary>
    /// The equipment's CLI pager can be forced on with a short page (<see cref="IConformanceTarget.SetForcedPagingAsync"/>):
    /// CK15 reads through it. Only targets whose driver reads a paged CLI offer it; a simulator target reading a CLI must.
    /// </summary>
    Paging = 32,

    /// <summary>
    /// The equipment can answer a rate change of one subscriber as if it did not exist while reads still find it
    /// (<see cref="IConformanceTarget.SetVanishedAccountAsync"/>): CK16 drives the set command's own "no such subscriber"
    /// path, which a driver that reads before it writes never reaches otherwise.
    /// </summary>
    VanishingLine = 64,

    /// <summary>Everything every target kind can offer: what a simulator target must offer (plus Paging and VanishingLine where its face has them).</summary>
    All = Writes | DeviceDelay | Audit | Cgnat | Traffic,
}

/// <summary>What a driver declares it can do: its factory name and the directions it can set.</summary>
/// <param name="DriverName">The <see cref="ISubscriberLineDriverFactory.DriverName"/> channels use.</param>
/// <param name="SettableDirections">The directions whose rate the driver changes; the others must be refused.</param>
public sealed record DriverDeclaration(string DriverName, IReadOnlyList<Direction> SettableDirections)
{
    /// <summary>
    /// Rules the driver is known to break today, with the reason and where it is tracked. The xUnit kit then expects
    /// the check to fail with that rule (a waiver that is no longer needed fails, so it gets removed). Default none.
    /// </summary>
    public IReadOnlyDictionary<ConformanceRule, string> KnownDeviations { get; init; } = new Dictionary<ConformanceRule, string>();
}

/// <summary>A line the target holds for the kit, and an (ip, port) inside its block.</summary>
public sealed record ConformanceLine(LineReference Reference, IPAddress Address, int Port);

/// <summary>A shared CGNAT address: a port inside one line's block, and a port outside every block of that address.</summary>
public sealed record CgnatSample(IPAddress Address, int PortInBlock, LineReference ExpectedLine, int PortOutsideAnyBlock);

/// <summary>A line as the equipment holds it, read independently of the driver under test.</summary>
public sealed record EquipmentLine(LineRates Rates, LineCapability Capability);

/// <summary>
/// What the kit runs a driver against: the driver's real factory and channel, a known test line, an independent view of
/// the equipment and, where supported, fault injection and an audit view.
/// </summary>
public interface IConformanceTarget
{
    /// <summary>Names the target in messages, e.g. <c>huawei-cli-ssh @ simulator (sshd 127.0.0.1:40122)</c>.</summary>
    string Name { get; }

    /// <summary>Simulator or lab.</summary>
    ConformanceMode Mode { get; }

    /// <summary>What the driver declares.</summary>
    DriverDeclaration Declaration { get; }

    /// <summary>What the target offers beyond reads.</summary>
    TargetCapabilities Capabilities { get; }

    /// <summary>The driver's real factory (as registered in the service).</summary>
    ISubscriberLineDriverFactory Factory { get; }

    /// <summary>A fresh channel to the equipment (the kit may change its OperationTimeout).</summary>
    DeviceOptions CreateChannel();

    /// <summary>The test line.</summary>
    ConformanceLine KnownLine { get; }

    /// <summary>A CGNAT sample, when <see cref="TargetCapabilities.Cgnat"/>.</summary>
    CgnatSample? Cgnat { get; }

    /// <summary>A line reference the equipment does not hold.</summary>
    LineReference UnknownLine { get; }

    /// <summary>Reads a line without the driver under test (simulator state, or a second driver instance in the lab).</summary>
    Task<EquipmentLine> ReadEquipmentAsync(LineReference line, CancellationToken cancellationToken);

    /// <summary>Delays every device answer by <paramref name="delay"/> (zero clears), when <see cref="TargetCapabilities.DeviceDelay"/>.</summary>
    Task SetDeviceDelayAsync(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>The state-changing commands the equipment received so far, oldest first, when <see cref="TargetCapabilities.Audit"/>.</summary>
    Task<IReadOnlyList<string>> ReadAuditAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every CLI line and SNMP request the equipment received and still keeps, oldest first, when
    /// <see cref="TargetCapabilities.Traffic"/> (a target without it need not implement this: empty).
    /// </summary>
    Task<IReadOnlyList<DeviceInput>> ReadReceivedAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DeviceInput>>([]);

    /// <summary>
    /// Puts a line back to <paramref name="rates"/> without the driver under test (simulator state; in the lab, the
    /// independent view's driver), when <see cref="TargetCapabilities.Writes"/>: after a failed check the kit leaves
    /// no test line changed.
    /// </summary>
    Task RestoreEquipmentAsync(LineReference line, LineRates rates, CancellationToken cancellationToken);

    /// <summary>
    /// Forces the CLI pager on with <paramref name="pageLength"/> lines per page whatever the session asked for; 0 stops
    /// forcing it. Only called when <see cref="TargetCapabilities.Paging"/>.
    /// </summary>
    Task SetForcedPagingAsync(int pageLength, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Name} cannot force the pager on.");

    /// <summary>
    /// While <paramref name="account"/> is set, a rate change of that subscriber is answered as if it did not exist (it
    /// went offline between the driver's read and its write); null ends it. Only called when <see cref="TargetCapabilities.VanishingLine"/>.
    /// </summary>
    Task SetVanishedAccountAsync(string? account, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{Name} cannot make a line vanish.");
}

/// <summary>Timing of the kit's checks.</summary>
public sealed record ConformanceSettings
{
    /// <summary>OperationTimeout of the channel in the timeout check. Default 2 s.</summary>
    public TimeSpan TimeoutUnderTest { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How late a timeout or a cancellation may end after it was due. Default 1.5 s.</summary>
    public TimeSpan Margin { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>When the in-flight cancellation check cancels. Default 300 ms.</summary>
    public TimeSpan CancelAfter { get; init; } = TimeSpan.FromMilliseconds(300);
}
