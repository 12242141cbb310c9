namespace SpeedUp.Drivers.Conformance;

/// <summary>A driver broke a contract rule. The message names the rule, the target and what was observed.</summary>
public sealed class ConformanceException : Exception
{
    /// <summary>Creates the failure of <paramref name="rule"/> observed on <paramref name="target"/>.</summary>
    public ConformanceException(ConformanceRule rule, string target, string message, Exception? innerException = null)
        : base($"[{rule.Id()} {rule}] {target}: {message}", innerException)
    {
        Rule = rule;
        Target = target;
        Observation = message;
    }

    /// <summary>What was observed (the message without the rule and target).</summary>
    public string Observation { get; }

    /// <summary>The rule broken.</summary>
    public ConformanceRule Rule { get; }

    /// <summary>The target the driver ran against.</summary>
    public string Target { get; }
}

/// <summary>
/// A check (or part of it) cannot run on this target: a lab target without fault injection, an audit view or
/// <c>allowWrites</c>. Only lab targets report it; a simulator target missing a capability fails with
/// <see cref="ConformanceRule.TargetCapability"/> instead.
/// </summary>
public sealed class ConformanceNotApplicableException : Exception
{
    /// <summary>Creates the report for <paramref name="rule"/>.</summary>
    public ConformanceNotApplicableException(ConformanceRule rule, string target, string reason)
        : base($"[{rule.Id()} {rule}] not run on {target}: {reason}")
    {
        Rule = rule;
    }

    /// <summary>The rule not (fully) checked.</summary>
    public ConformanceRule Rule { get; }
}

/// <summary>How a check ended in <see cref="DriverConformanceChecks.RunAllAsync"/>.</summary>
public enum ConformanceOutcome
{
    /// <summary>The rule holds.</summary>
    Passed,

    /// <summary>The driver broke the rule (<see cref="ConformanceResult.Rule"/> names it).</summary>
    Failed,

    /// <summary>The target could not support the check (lab mode).</summary>
    NotRun,
}

/// <summary>One check's outcome: the rule, how it ended and what was observed.</summary>
public sealed record ConformanceResult(ConformanceRule Rule, ConformanceOutcome Outcome, string Detail);
