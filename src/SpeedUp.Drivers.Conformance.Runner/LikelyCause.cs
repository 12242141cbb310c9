namespace SpeedUp.Drivers.Conformance.Runner;

/// <summary>
/// The dialect key most likely wrong when a rule fails, from the rule and what the kit observed: a hint for the
/// engineer, printed under the failure (docs/conformance.md, "The conformance command").
/// </summary>
public static class LikelyCause
{
    private static readonly (string Observed, string Cause)[] ByObservation =
    [
        ("prompt not matched", "prompts.exec / prompts.config (or a channel's Prompts override) do not match the device's prompt line shown in the transcript"),
        ("field (", "output.fields: the block's labels are not the dialect's (a misspelt label; the labels the device printed are listed)"),
        ("has no '", "output.fields: a label the dialect expects is not in the device's block (misspelt or missing label)"),
        ("unexpected line", "output.fields / output.recordSeparator / output.emptyMarkers: the device printed a line the dialect does not expect (output.strict)"),
        ("changed Down from", "commands.directionWords: up and down look swapped"),
        ("changed Up from", "commands.directionWords: up and down look swapped"),
        ("NotConfirmed", "commands.setRate or commands.directionWords: the device did not hold the rate asked for after the change"),
        ("config view", "commands.enterConfig / prompts.config: the configuration view was not reached"),
        ("Timeout", "prompts (a prompt never recognised waits until the timeout), pager.pattern, or confirmations (an unanswered question)"),
    ];

    private static readonly Dictionary<ConformanceRule, string> ByRule = new()
    {
        [ConformanceRule.FindLine] = "commands.findByAddress, output.fields (address, ports, rates) or output.emptyMarkers",
        [ConformanceRule.FindCgnat] = "output.fields.ports (the port block) or output.recordSeparator (blocks not split)",
        [ConformanceRule.ReadMatchesEquipment] = "commands.readByAccount or output.fields (a rate or capability label)",
        [ConformanceRule.SetReadBack] = "commands.setRate, commands.directionWords, commands.enterConfig/returnToExec or confirmations",
        [ConformanceRule.RestoreReadBack] = "commands.setRate or commands.directionWords",
        [ConformanceRule.OutOfCapabilityRejected] = "failureIndicators: the device's refusal line is not recognised as a failure",
        [ConformanceRule.UnknownLineNotFound] = "lineNotFoundIndicators (the device's 'no such user' text) or output.emptyMarkers",
        [ConformanceRule.VanishedLineNotFound] = "lineNotFoundIndicators: the set command's 'no such user' answer is not recognised",
        [ConformanceRule.PagedOutput] = "pager.pattern / pager.response: the device's pager line is not recognised or not answered",
        [ConformanceRule.UndeclaredTraffic] = "onOpen / onClose / commands: the driver sent a line its dry run does not declare",
        [ConformanceRule.NoSecretsInMessages] = "secretPatterns: a secret the device prints is not masked",
        [ConformanceRule.TimeoutHonoured] = "the driver's timeout handling (code, not the dialect)",
        [ConformanceRule.CancellationHonoured] = "the driver's cancellation handling (code, not the dialect)",
        [ConformanceRule.NoInjection] = "the driver's value checks (code, not the dialect)",
        [ConformanceRule.ProbeHealthy] = "prompts.exec or onOpen: the probe logs in and reads the prompt",
        [ConformanceRule.TargetCapability] = "the target (simulator, profile or seed), not the dialect",
    };

    /// <summary>The likely cause of <paramref name="rule"/> failing with <paramref name="detail"/>.</summary>
    public static string Of(ConformanceRule rule, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        foreach (var (observed, cause) in ByObservation)
        {
            if (detail.Contains(observed, StringComparison.OrdinalIgnoreCase))
            {
                return cause;
            }
        }

        return ByRule.TryGetValue(rule, out var byRule) ? byRule : "see the rule in docs/conformance.md";
    }
}
