namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>CK07: a rate above the capability is Rejected and changes nothing.</summary>
internal sealed class OutOfCapabilityRejectedCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.OutOfCapabilityRejected;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.OutOfCapabilityRejected;
        Require(rule, TargetCapabilities.Writes, "the lab file does not say \"allowWrites\": true.");
        await using var driver = CreateDriver();
        var line = Target.KnownLine.Reference;
        var before = await Target.ReadEquipmentAsync(line, cancellationToken).ConfigureAwait(false);
        var tried = new List<string>();
        try
        {
            foreach (var direction in Target.Declaration.SettableDirections)
            {
                var rate = before.Capability.MaxOf(direction) + 1000;
                var failure = await ExpectFailureAsync(rule, $"SetRate({direction}, {rate})", () => driver.Driver.SetRateAsync(line, direction, rate, cancellationToken)).ConfigureAwait(false);
                if (failure.Failure != DriverFailure.Rejected)
                {
                    throw Fail(rule, $"SetRate({direction}, {rate}) above the capability {before.Capability.MaxOf(direction)} failed with {failure.Failure}, expected Rejected: {failure.Message}");
                }

                tried.Add($"{direction} {rate}");
            }

            await ExpectUnchangedAsync(rule, line, before.Rates, driver.Driver, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await RestoreAsync(driver.Driver, line, before.Rates, cancellationToken).ConfigureAwait(false);
        }

        return $"rejected {string.Join(", ", tried)} kbit/s; the line stayed at {Describe(before.Rates)}.";
    }
}
