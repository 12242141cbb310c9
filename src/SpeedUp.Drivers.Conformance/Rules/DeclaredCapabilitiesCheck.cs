namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>CK01: factory name as declared; declared directions settable (CK05 sets them); undeclared and undefined directions refused, nothing changed.</summary>
internal sealed class DeclaredCapabilitiesCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.DeclaredCapabilities;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.DeclaredCapabilities;
        var declaration = Target.Declaration;
        if (!string.Equals(Target.Factory.DriverName, declaration.DriverName, StringComparison.Ordinal))
        {
            throw Fail(rule, $"the factory is named '{Target.Factory.DriverName}', the declaration says '{declaration.DriverName}'.");
        }

        if (declaration.SettableDirections.Count == 0 || declaration.SettableDirections.Distinct().Count() != declaration.SettableDirections.Count)
        {
            throw Fail(rule, "a driver must declare each direction it can set once, and at least one.");
        }

        Require(rule, TargetCapabilities.Writes, "the factory name was verified; refusing undeclared directions needs writes (allowWrites).");
        await using var driver = CreateDriver();
        var line = Target.KnownLine.Reference;
        var before = await Target.ReadEquipmentAsync(line, cancellationToken).ConfigureAwait(false);
        var refused = new List<string>();
        foreach (var direction in Enum.GetValues<Direction>().Where(d => !declaration.SettableDirections.Contains(d)).Append((Direction)0).Append((Direction)99))
        {
            var rate = Math.Max(64, before.Rates.Of(direction == Direction.Up ? Direction.Up : Direction.Down) / 2);
            var failure = await ExpectFailureAsync(rule, $"SetRate({direction})", () => driver.Driver.SetRateAsync(line, direction, rate, cancellationToken)).ConfigureAwait(false);
            var undefined = !Enum.IsDefined(direction);
            if (undefined ? failure.Failure != DriverFailure.InvalidValue : failure.Failure is not (DriverFailure.InvalidValue or DriverFailure.Rejected))
            {
                throw Fail(rule, $"SetRate with {(undefined ? "an undefined" : "an undeclared")} direction {direction} failed with {failure.Failure}, expected {(undefined ? "InvalidValue" : "InvalidValue or Rejected")}: {failure.Message}");
            }

            refused.Add(direction.ToString());
        }

        await ExpectUnchangedAsync(rule, line, before.Rates, driver.Driver, cancellationToken).ConfigureAwait(false);
        return $"driver '{declaration.DriverName}' sets {string.Join(", ", declaration.SettableDirections)}; refused directions {string.Join(", ", refused)} without changing the line.";
    }
}
