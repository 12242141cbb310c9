using static SpeedUp.Drivers.Conformance.DriverConformanceChecks;

namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>
/// CK16: the test line vanishes between the driver's read and its write (the device answers the set command itself with
/// its "no such subscriber" message): the driver reports LineNotFound — its line-not-found indicators recognise the
/// set command's answer, not only a read's — and nothing changes.
/// </summary>
internal sealed class VanishedLineCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.VanishedLineNotFound;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.VanishedLineNotFound;
        Require(rule, TargetCapabilities.Writes, "a set on a vanished line needs \"allowWrites\": true.");
        if (!Has(TargetCapabilities.VanishingLine))
        {
            if (Target.Mode == ConformanceMode.Lab)
            {
                throw new ConformanceNotApplicableException(rule, Target.Name, "a lab device cannot be told to forget a subscriber between a read and a write.");
            }

            return "not applicable: the device's write face cannot answer for a vanished subscriber.";
        }

        await using var driver = CreateDriver();
        var known = Target.KnownLine.Reference;
        var before = await Target.ReadEquipmentAsync(known, cancellationToken).ConfigureAwait(false);
        var direction = Target.Declaration.SettableDirections[0];
        var rate = ChooseRate(before, direction);
        await Target.SetVanishedAccountAsync(known.Account, cancellationToken).ConfigureAwait(false);
        DriverException failure;
        try
        {
            failure = await ExpectFailureAsync(rule, "SetRate(vanished line)", () => driver.Driver.SetRateAsync(known, direction, rate, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            await Target.SetVanishedAccountAsync(null, CancellationToken.None).ConfigureAwait(false);
        }

        if (failure.Failure != DriverFailure.LineNotFound)
        {
            await RestoreAsync(driver.Driver, known, before.Rates, cancellationToken).ConfigureAwait(false);
            throw Fail(rule, $"the device answered the set on {known.Account} with its \"no such subscriber\" message and the driver reported {failure.Failure}, " +
                             $"expected LineNotFound (likely cause: the dialect's lineNotFoundIndicators miss the set command's answer): {failure.Message}");
        }

        await ExpectUnchangedAsync(rule, known, before.Rates, driver.Driver, cancellationToken).ConfigureAwait(false);
        return $"a set on {known.Account} after it vanished → LineNotFound; the line is unchanged.";
    }
}
