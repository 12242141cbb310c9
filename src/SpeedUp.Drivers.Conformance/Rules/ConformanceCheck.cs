using System.Collections.Concurrent;
using System.Globalization;

namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>
/// The shared context of every check: the target, the timing settings, driver creation and the capability gate.
/// A check derives from it, names the rule it guards and implements <see cref="RunCoreAsync"/>; the assertion helpers
/// are in ConformanceCheck.Expectations.cs, the CK13 secret scan in NoSecretsInMessages.cs, the CK14 traffic check in
/// ConformanceCheck.Traffic.cs: after every check, each line or request the equipment received is one the driver declared
/// for the operations the check called.
/// </summary>
internal abstract partial class ConformanceCheck(IConformanceTarget target, ConformanceSettings settings)
{
    private readonly ConcurrentBag<string> _declared = [];
    private volatile bool _undeclaringDriver;

    /// <summary>The rule the check guards (the rule <see cref="DriverConformanceChecks.RunAllAsync"/> reports it under).</summary>
    public abstract ConformanceRule Rule { get; }

    protected IConformanceTarget Target { get; } = target;

    protected ConformanceSettings Settings { get; } = settings;

    /// <summary>
    /// Runs the check, then (where the target shows what the equipment received) CK14: a one-line summary of what it
    /// verified, or <see cref="ConformanceException"/>.
    /// </summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        _declared.Clear();
        _undeclaringDriver = false;
        var mark = await TrafficMarkAsync(cancellationToken).ConfigureAwait(false);
        var lines = await SnapshotTestLinesAsync(cancellationToken).ConfigureAwait(false);
        string summary;
        try
        {
            summary = await RunCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConformanceException exception)
        {
            var restored = await RestoreTestLinesAsync(lines).ConfigureAwait(false);
            if (restored.Count == 0)
            {
                throw;
            }

            throw new ConformanceException(exception.Rule, Target.Name,
                $"{exception.Observation} (the kit put {string.Join(", ", restored)} back to the rates it had before the check)",
                exception.InnerException);
        }

        await ExpectOnlyDeclaredTrafficAsync(mark, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    /// <summary>The test lines' rates before a check that may write (the known line, the CGNAT sample's line).</summary>
    private async Task<IReadOnlyList<(LineReference Line, LineRates Rates)>> SnapshotTestLinesAsync(CancellationToken cancellationToken)
    {
        if (!Has(TargetCapabilities.Writes))
        {
            return [];
        }

        var lines = new List<LineReference> { Target.KnownLine.Reference };
        if (Target.Cgnat is { } cgnat && cgnat.ExpectedLine != Target.KnownLine.Reference)
        {
            lines.Add(cgnat.ExpectedLine);
        }

        var snapshot = new List<(LineReference, LineRates)>();
        foreach (var line in lines)
        {
            snapshot.Add((line, (await Target.ReadEquipmentAsync(line, cancellationToken).ConfigureAwait(false)).Rates));
        }

        return snapshot;
    }

    /// <summary>After a failed check: every test line the check left changed is put back by the target, not by the driver under test.</summary>
    private async Task<IReadOnlyList<string>> RestoreTestLinesAsync(IReadOnlyList<(LineReference Line, LineRates Rates)> snapshot)
    {
        var restored = new List<string>();
        foreach (var (line, rates) in snapshot)
        {
            await Target.SetDeviceDelayIfSupportedAsync(Has(TargetCapabilities.DeviceDelay)).ConfigureAwait(false);
            var now = await Target.ReadEquipmentAsync(line, CancellationToken.None).ConfigureAwait(false);
            if (now.Rates != rates)
            {
                await Target.RestoreEquipmentAsync(line, rates, CancellationToken.None).ConfigureAwait(false);
                restored.Add($"{line.Account} ({Describe(now.Rates)} → {Describe(rates)})");
            }
        }

        return restored;
    }

    /// <summary>The check itself.</summary>
    protected abstract Task<string> RunCoreAsync(CancellationToken cancellationToken);

    protected DriverLease CreateDriver(TimeSpan? operationTimeout = null)
    {
        var channel = Target.CreateChannel();
        if (operationTimeout is { } timeout)
        {
            channel.OperationTimeout = timeout;
        }

        var driver = Target.Factory.Create(channel);
        foreach (var step in DeclaredTraffic.SessionOf(driver))
        {
            _declared.Add(step);
        }

        return new DriverLease(new DeclaringDriver(driver, _declared, () => _undeclaringDriver = true), channel);
    }

    protected bool Has(TargetCapabilities capability) => (Target.Capabilities & capability) == capability;

    protected void Require(ConformanceRule rule, TargetCapabilities capability, string reason)
    {
        if (Has(capability))
        {
            return;
        }

        if (Target.Mode == ConformanceMode.Lab)
        {
            throw new ConformanceNotApplicableException(rule, Target.Name, reason);
        }

        throw Fail(ConformanceRule.TargetCapability, $"a simulator target must support {capability} (needed by {rule.Id()} {rule}): {reason}");
    }

    protected ConformanceException Fail(ConformanceRule rule, string message, Exception? inner = null) => new(rule, Target.Name, message, inner);

    protected static string Describe(LineRates rates) => string.Create(CultureInfo.InvariantCulture, $"up {rates.UpKbps} / down {rates.DownKbps} kbit/s");

    protected static string Printable(string value) =>
        "'" + string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'";
}
