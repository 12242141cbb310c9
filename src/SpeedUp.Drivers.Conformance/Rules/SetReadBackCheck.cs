using static SpeedUp.Drivers.Conformance.DriverConformanceChecks;

namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>CK05/CK06: for each declared direction, set a new rate then restore the original; each returned value equals a fresh independent read.</summary>
internal sealed class SetReadBackCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.SetReadBack;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        Require(ConformanceRule.SetReadBack, TargetCapabilities.Writes, "the lab file does not say \"allowWrites\": true.");
        await using var driver = CreateDriver();
        var line = Target.KnownLine.Reference;
        var summary = new List<string>();
        foreach (var direction in Target.Declaration.SettableDirections)
        {
            var before = await Target.ReadEquipmentAsync(line, cancellationToken).ConfigureAwait(false);
            var rate = ChooseRate(before, direction);
            try
            {
                var returned = await Call(ConformanceRule.SetReadBack, $"SetRate({direction}, {rate})", () => driver.Driver.SetRateAsync(line, direction, rate, cancellationToken)).ConfigureAwait(false);
                var fresh = await Target.ReadEquipmentAsync(line, cancellationToken).ConfigureAwait(false);
                if (fresh.Rates.Of(direction) != rate)
                {
                    throw Fail(ConformanceRule.SetReadBack, $"SetRate({direction}, {rate}) returned {Describe(returned)} but the equipment holds {Describe(fresh.Rates)}: the rate was not written.");
                }

                if (returned != fresh.Rates)
                {
                    throw Fail(ConformanceRule.SetReadBack, $"SetRate({direction}, {rate}) returned {Describe(returned)}, a fresh read of the equipment gives {Describe(fresh.Rates)}.");
                }

                var other = direction == Direction.Up ? Direction.Down : Direction.Up;
                if (fresh.Rates.Of(other) != before.Rates.Of(other))
                {
                    throw Fail(ConformanceRule.SetReadBack, $"setting {direction} changed {other} from {before.Rates.Of(other)} to {fresh.Rates.Of(other)} kbit/s.");
                }

                var restored = await Call(ConformanceRule.RestoreReadBack, $"SetRate({direction}, {before.Rates.Of(direction)})", () => driver.Driver.SetRateAsync(line, direction, before.Rates.Of(direction), cancellationToken)).ConfigureAwait(false);
                var after = await Target.ReadEquipmentAsync(line, cancellationToken).ConfigureAwait(false);
                if (after.Rates != before.Rates)
                {
                    throw Fail(ConformanceRule.RestoreReadBack, $"restoring {direction} to {before.Rates.Of(direction)} left the equipment at {Describe(after.Rates)}, expected {Describe(before.Rates)}.");
                }

                if (restored != after.Rates)
                {
                    throw Fail(ConformanceRule.RestoreReadBack, $"the restore returned {Describe(restored)}, a fresh read of the equipment gives {Describe(after.Rates)}.");
                }

                summary.Add($"{direction} {before.Rates.Of(direction)}→{rate}→{before.Rates.Of(direction)}");
            }
            finally
            {
                await RestoreAsync(driver.Driver, line, before.Rates, cancellationToken).ConfigureAwait(false);
            }
        }

        return "set and restored with read-back: " + string.Join("; ", summary) + ".";
    }
}
