using System.Net;
using System.Text.RegularExpressions;

namespace SpeedUp.Drivers.Conformance;

/// <summary>A line or request the equipment received: its position in the equipment's log and its text.</summary>
/// <param name="Sequence">Increasing; "what arrived after X" is <c>Sequence &gt; X</c>.</param>
/// <param name="Text">A CLI line as received (no terminator), or an SNMP request in the dry-run notation (<c>GET oid, oid</c>).</param>
public sealed record DeviceInput(long Sequence, string Text);

/// <summary>
/// What a driver declares it sends (<see cref="IDriverDryRun"/>), and whether what a device received is declared. The
/// declared set is the driver's own: the steps of <see cref="IDriverDryRun.Render"/> for the operations called, plus its
/// <see cref="DryRunPlan.Session"/> steps (paging off on open, quit on close…). A declared step may hold placeholders
/// <c>&lt;name&gt;</c> (e.g. <c>&lt;bandId&gt;</c>, a value only the device's answer tells): each stands for a decimal number.
/// </summary>
public static partial class DeclaredTraffic
{
    /// <summary>
    /// What <paramref name="driver"/> declares for <paramref name="operation"/> (steps and session steps); empty when it
    /// refuses the operation's values (nothing may be sent then); null when the driver does not declare (no <see cref="IDriverDryRun"/>).
    /// </summary>
    public static IReadOnlyList<string>? Of(ISubscriberLineDriver driver, DriverOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (driver is not IDriverDryRun dryRun)
        {
            return null;
        }

        try
        {
            var plan = dryRun.Render(operation);
            return [.. plan.Steps.Concat(plan.Session).Select(step => step.Send)];
        }
        catch (DriverException exception) when (exception.Failure == DriverFailure.InvalidValue)
        {
            return [];
        }
    }

    /// <summary>
    /// The driver's session steps alone (paging off on open, quit on close…): a pooled session opens and closes when
    /// the pool decides — the close of one check's session can reach the equipment after the next check began — so
    /// they are declared for every check whose driver declares anything. Empty when the driver declares nothing.
    /// </summary>
    public static IReadOnlyList<string> SessionOf(ISubscriberLineDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        try
        {
            return driver is IDriverDryRun dryRun ? [.. dryRun.Render(Probe).Session.Select(step => step.Send)] : [];
        }
        catch (Exception exception) when (exception is DriverException or NotSupportedException or ArgumentException)
        {
            return [];
        }
    }

    /// <summary>What a FindLine of (<paramref name="address"/>, <paramref name="port"/>) may send.</summary>
    public static DriverOperation FindLine(IPAddress address, int port) => new(DriverOperationKind.FindLine, address, port);

    /// <summary>What a ReadLine of <paramref name="line"/> may send.</summary>
    public static DriverOperation ReadLine(LineReference line) => new(DriverOperationKind.ReadLine, Line: line);

    /// <summary>What a SetRate may send.</summary>
    public static DriverOperation SetRate(LineReference line, Direction direction, long rateKbps) =>
        new(DriverOperationKind.SetRate, Line: line, Direction: direction, RateKbps: rateKbps);

    /// <summary>What a Probe may send.</summary>
    public static DriverOperation Probe { get; } = new(DriverOperationKind.Probe);

    /// <summary>The received inputs that are none of <paramref name="declared"/> (exact text, placeholders aside), in order.</summary>
    public static IReadOnlyList<DeviceInput> Undeclared(IEnumerable<DeviceInput> received, IEnumerable<string> declared)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(declared);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var patterns = new List<Regex>();
        foreach (var step in declared.Distinct(StringComparer.Ordinal))
        {
            if (Placeholder().IsMatch(step))
            {
                var parts = Placeholder().Split(step).Select(Regex.Escape);
                patterns.Add(new Regex("^" + string.Join("[0-9]{1,20}", parts) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            }
            else
            {
                exact.Add(step);
            }
        }

        return [.. received.Where(input => !exact.Contains(input.Text) && !patterns.Any(p => p.IsMatch(input.Text)))];
    }

    [GeneratedRegex("<[A-Za-z][A-Za-z0-9]*>")]
    private static partial Regex Placeholder();
}
