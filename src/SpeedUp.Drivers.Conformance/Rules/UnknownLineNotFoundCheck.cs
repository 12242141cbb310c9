namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>CK08: an unknown line is LineNotFound on read (and on write, with writes) and nothing changes.</summary>
internal sealed class UnknownLineNotFoundCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.UnknownLineNotFound;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.UnknownLineNotFound;
        await using var driver = CreateDriver();
        var unknown = Target.UnknownLine;
        var read = await ExpectFailureAsync(rule, "ReadLine(unknown)", () => driver.Driver.ReadLineAsync(unknown, cancellationToken)).ConfigureAwait(false);
        if (read.Failure != DriverFailure.LineNotFound)
        {
            throw Fail(rule, $"reading {unknown} failed with {read.Failure}, expected LineNotFound: {read.Message}");
        }

        if (!Has(TargetCapabilities.Writes))
        {
            Require(rule, TargetCapabilities.Writes, "the read of an unknown line was LineNotFound; the write part needs \"allowWrites\": true.");
        }

        var known = Target.KnownLine.Reference;
        var before = await Target.ReadEquipmentAsync(known, cancellationToken).ConfigureAwait(false);
        var direction = Target.Declaration.SettableDirections[0];
        var write = await ExpectFailureAsync(rule, "SetRate(unknown)", () => driver.Driver.SetRateAsync(unknown, direction, 10_000, cancellationToken)).ConfigureAwait(false);
        if (write.Failure != DriverFailure.LineNotFound)
        {
            throw Fail(rule, $"setting {unknown} failed with {write.Failure}, expected LineNotFound: {write.Message}");
        }

        await ExpectUnchangedAsync(rule, known, before.Rates, driver.Driver, cancellationToken).ConfigureAwait(false);
        return $"{unknown}: read and write LineNotFound; {known.Account} unchanged.";
    }
}
