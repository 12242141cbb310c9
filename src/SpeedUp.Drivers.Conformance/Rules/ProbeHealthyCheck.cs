namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>CK12/CK13: the probe is healthy and names no secret.</summary>
internal sealed class ProbeHealthyCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.ProbeHealthy;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.ProbeHealthy;
        await using var driver = CreateDriver();
        var health = await Call(rule, "Probe", () => driver.Driver.ProbeAsync(cancellationToken)).ConfigureAwait(false);
        if (!health.Healthy)
        {
            throw Fail(rule, $"the probe reports unhealthy: {health.Detail}");
        }

        if (string.IsNullOrWhiteSpace(health.Detail))
        {
            throw Fail(rule, "the probe gives no detail of what it observed.");
        }

        EnsureNoSecret(health.Detail, "the probe detail");
        return $"healthy in {health.Latency.TotalMilliseconds:0} ms: {health.Detail}";
    }
}
