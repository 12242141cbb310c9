using System.Globalization;

namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>
/// The shared context of every check: the target, the timing settings, driver creation and the capability gate.
/// A check derives from it, names the rule it guards and implements <see cref="RunAsync"/>; the assertion helpers are
/// in ConformanceCheck.Expectations.cs, the CK13 secret scan in NoSecretsInMessages.cs.
/// </summary>
internal abstract partial class ConformanceCheck(IConformanceTarget target, ConformanceSettings settings)
{
    /// <summary>The rule the check guards (the rule <see cref="DriverConformanceChecks.RunAllAsync"/> reports it under).</summary>
    public abstract ConformanceRule Rule { get; }

    protected IConformanceTarget Target { get; } = target;

    protected ConformanceSettings Settings { get; } = settings;

    /// <summary>Runs the check: a one-line summary of what it verified, or <see cref="ConformanceException"/>.</summary>
    public abstract Task<string> RunAsync(CancellationToken cancellationToken);

    protected DriverLease CreateDriver(TimeSpan? operationTimeout = null)
    {
        var channel = Target.CreateChannel();
        if (operationTimeout is { } timeout)
        {
            channel.OperationTimeout = timeout;
        }

        return new DriverLease(Target.Factory.Create(channel), channel);
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
