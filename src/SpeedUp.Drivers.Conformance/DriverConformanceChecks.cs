using System.Net;
using SpeedUp.Drivers.Conformance.Rules;

namespace SpeedUp.Drivers.Conformance;

/// <summary>
/// The conformance checks, as plain async methods usable without xUnit. Each creates the driver through the target's
/// real factory, exercises one part of the <see cref="ISubscriberLineDriver"/> contract, and either returns a short
/// summary of what it verified or throws <see cref="ConformanceException"/> naming the rule broken
/// (<see cref="ConformanceNotApplicableException"/> when a lab target cannot support it). Writes are always undone:
/// the test line ends at the rates it had. Each rule is its own class under <c>Rules/</c> (one file per rule, e.g.
/// <c>Rules/SetReadBackCheck.cs</c> for CK05/CK06); this class is the public entry point that runs them.
/// </summary>
public sealed class DriverConformanceChecks
{
    /// <summary>Accounts that must never reach a command line: metacharacters, line breaks, quotes, Unicode, blanks, empty, too long.</summary>
    public static IReadOnlyList<string> InjectionAccounts { get; } =
    [
        "zj0571a0001;reboot",
        "a|display current-configuration",
        "a\r\nsystem-view",
        "a\nquit",
        "a'b",
        "a\"b",
        "$(reboot)",
        "`id`",
        "a&&b",
        "a b",
        "用户0001",
        "a\u0000b",
        "a\u001b[2Jb",
        "",
        new string('a', 65),
    ];

    /// <summary>Ports outside 0..65535 (refused as InvalidValue).</summary>
    public static IReadOnlyList<int> InvalidPorts { get; } = [-1, 65536, int.MinValue];

    /// <summary>Rates outside 64..10,000,000 kbit/s (refused as InvalidValue).</summary>
    public static IReadOnlyList<long> InvalidRates { get; } = [0, -1, 63, 10_000_001, long.MaxValue];

    /// <summary>An address nobody holds (TEST-NET-1, RFC 5737).</summary>
    public static IPAddress UnheldAddress { get; } = IPAddress.Parse("192.0.2.1");

    private readonly ConformanceCheck _declaration;
    private readonly ConformanceCheck _findLine;
    private readonly ConformanceCheck _findCgnat;
    private readonly ConformanceCheck _readMatchesEquipment;
    private readonly ConformanceCheck _setThenRestore;
    private readonly ConformanceCheck _outOfCapability;
    private readonly ConformanceCheck _unknownLine;
    private readonly ConformanceCheck _timeout;
    private readonly ConformanceCheck _cancellation;
    private readonly ConformanceCheck _noInjection;
    private readonly ConformanceCheck _probe;
    private readonly ConformanceCheck _pagedOutput;
    private readonly ConformanceCheck _vanishedLine;

    /// <summary>Creates the checks for <paramref name="target"/>.</summary>
    public DriverConformanceChecks(IConformanceTarget target, ConformanceSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        var timing = settings ?? new ConformanceSettings();
        _declaration = new DeclaredCapabilitiesCheck(target, timing);
        _findLine = new FindLineCheck(target, timing);
        _findCgnat = new FindCgnatCheck(target, timing);
        _readMatchesEquipment = new ReadMatchesEquipmentCheck(target, timing);
        _setThenRestore = new SetReadBackCheck(target, timing);
        _outOfCapability = new OutOfCapabilityRejectedCheck(target, timing);
        _unknownLine = new UnknownLineNotFoundCheck(target, timing);
        _timeout = new TimeoutHonouredCheck(target, timing);
        _cancellation = new CancellationHonouredCheck(target, timing);
        _noInjection = new NoInjectionCheck(target, timing);
        _probe = new ProbeHealthyCheck(target, timing);
        _pagedOutput = new PagedOutputCheck(target, timing);
        _vanishedLine = new VanishedLineCheck(target, timing);
    }

    /// <summary>The target checked.</summary>
    public IConformanceTarget Target { get; }

    /// <summary>Every check, in order, with the rule each one guards.</summary>
    public IReadOnlyList<(ConformanceRule Rule, Func<CancellationToken, Task<string>> Run)> All =>
    [
        .. new[] { _declaration, _findLine, _findCgnat, _readMatchesEquipment, _setThenRestore, _outOfCapability, _unknownLine, _timeout, _cancellation, _noInjection, _probe, _pagedOutput, _vanishedLine }
            .Select(check => (check.Rule, (Func<CancellationToken, Task<string>>)check.RunAsync)),
    ];

    /// <summary>
    /// Runs every check and reports each one instead of stopping at the first failure (for tools and lab runs without
    /// xUnit). A check that throws anything but <see cref="ConformanceException"/> or
    /// <see cref="ConformanceNotApplicableException"/> is reported as failed with that exception's message.
    /// </summary>
    public async Task<IReadOnlyList<ConformanceResult>> RunAllAsync(CancellationToken cancellationToken)
    {
        var results = new List<ConformanceResult>();
        foreach (var (rule, run) in All)
        {
            try
            {
                results.Add(new ConformanceResult(rule, ConformanceOutcome.Passed, await run(cancellationToken).ConfigureAwait(false)));
            }
            catch (ConformanceException exception)
            {
                results.Add(new ConformanceResult(exception.Rule, ConformanceOutcome.Failed, exception.Message));
            }
            catch (ConformanceNotApplicableException exception)
            {
                results.Add(new ConformanceResult(rule, ConformanceOutcome.NotRun, exception.Message));
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                results.Add(new ConformanceResult(rule, ConformanceOutcome.Failed, $"[{rule.Id()} {rule}] {Target.Name}: {exception.GetType().Name}: {exception.Message}"));
            }
        }

        return results;
    }

    /// <summary>CK01: factory name as declared; declared directions settable (CK05 sets them); undeclared and undefined directions refused, nothing changed (<see cref="DeclaredCapabilitiesCheck"/>).</summary>
    public Task<string> CheckDeclarationAsync(CancellationToken cancellationToken) => _declaration.RunAsync(cancellationToken);

    /// <summary>CK02: the known line is found behind its (ip, port), with reference, address, block and the equipment's rates; an unheld address is null (<see cref="FindLineCheck"/>).</summary>
    public Task<string> CheckFindLineAsync(CancellationToken cancellationToken) => _findLine.RunAsync(cancellationToken);

    /// <summary>CK03: behind a CGNAT address the port picks the line; a port outside every block is null (<see cref="FindCgnatCheck"/>).</summary>
    public Task<string> CheckFindCgnatAsync(CancellationToken cancellationToken) => _findCgnat.RunAsync(cancellationToken);

    /// <summary>CK04: a read shows the rates and capability the equipment holds (<see cref="ReadMatchesEquipmentCheck"/>).</summary>
    public Task<string> CheckReadMatchesEquipmentAsync(CancellationToken cancellationToken) => _readMatchesEquipment.RunAsync(cancellationToken);

    /// <summary>CK05/CK06: for each declared direction, set a new rate then restore the original; each returned value equals a fresh independent read (<see cref="SetReadBackCheck"/>).</summary>
    public Task<string> CheckSetThenRestoreAsync(CancellationToken cancellationToken) => _setThenRestore.RunAsync(cancellationToken);

    /// <summary>CK07: a rate above the capability is Rejected and changes nothing (<see cref="OutOfCapabilityRejectedCheck"/>).</summary>
    public Task<string> CheckOutOfCapabilityAsync(CancellationToken cancellationToken) => _outOfCapability.RunAsync(cancellationToken);

    /// <summary>CK08: an unknown line is LineNotFound on read (and on write, with writes) and nothing changes (<see cref="UnknownLineNotFoundCheck"/>).</summary>
    public Task<string> CheckUnknownLineAsync(CancellationToken cancellationToken) => _unknownLine.RunAsync(cancellationToken);

    /// <summary>CK09: a device slower than the budget gives Timeout within OperationTimeout + margin; the same driver then works again (<see cref="TimeoutHonouredCheck"/>).</summary>
    public Task<string> CheckTimeoutAsync(CancellationToken cancellationToken) => _timeout.RunAsync(cancellationToken);

    /// <summary>CK10: cancelled calls end with OperationCanceledException, send nothing and end promptly in flight; the next call works (<see cref="CancellationHonouredCheck"/>).</summary>
    public Task<string> CheckCancellationAsync(CancellationToken cancellationToken) => _cancellation.RunAsync(cancellationToken);

    /// <summary>CK11: accounts, ports and rates outside the grammar are InvalidValue; the equipment receives no command; the line is unchanged (<see cref="NoInjectionCheck"/>).</summary>
    public Task<string> CheckNoInjectionAsync(CancellationToken cancellationToken) => _noInjection.RunAsync(cancellationToken);

    /// <summary>CK12/CK13: the probe is healthy and names no secret (<see cref="ProbeHealthyCheck"/>).</summary>
    public Task<string> CheckProbeAsync(CancellationToken cancellationToken) => _probe.RunAsync(cancellationToken);

    /// <summary>CK15: with the pager forced on, find and read give what the equipment holds (<see cref="PagedOutputCheck"/>).</summary>
    public Task<string> CheckPagedOutputAsync(CancellationToken cancellationToken) => _pagedOutput.RunAsync(cancellationToken);

    /// <summary>CK16: a set on a line that vanished after the read is LineNotFound and changes nothing (<see cref="VanishedLineCheck"/>).</summary>
    public Task<string> CheckVanishedLineAsync(CancellationToken cancellationToken) => _vanishedLine.RunAsync(cancellationToken);

    /// <summary>A rate of <paramref name="direction"/> different from the current one and within the capability.</summary>
    public static long ChooseRate(EquipmentLine line, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(line);
        var current = line.Rates.Of(direction);
        var max = line.Capability.MaxOf(direction);
        if (max > current)
        {
            var rate = current + ((max - current) / 2);
            var rounded = rate - (rate % 1000);
            return rounded > current ? rounded : max;
        }

        return Math.Max(64, current / 2);
    }
}
