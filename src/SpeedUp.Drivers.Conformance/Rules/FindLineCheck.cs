using static SpeedUp.Drivers.Conformance.DriverConformanceChecks;

namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>CK02: the known line is found behind its (ip, port), with reference, address, block and the equipment's rates; an unheld address is null.</summary>
internal sealed class FindLineCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.FindLine;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.FindLine;
        await using var driver = CreateDriver();
        var known = Target.KnownLine;
        var found = await Call(rule, "FindLine(known)", () => driver.Driver.FindLineAsync(known.Address, known.Port, cancellationToken)).ConfigureAwait(false)
            ?? throw Fail(rule, $"no line was found behind {known.Address}:{known.Port}, where {known.Reference} is.");
        if (found.BandId != known.Reference.BandId || !string.Equals(found.Account, known.Reference.Account, StringComparison.Ordinal))
        {
            throw Fail(rule, $"{known.Address}:{known.Port} gave band {found.BandId} '{found.Account}', expected {known.Reference.BandId} '{known.Reference.Account}'.");
        }

        if (!found.IpAddress.Equals(known.Address) || !found.Ports.Contains(known.Port))
        {
            throw Fail(rule, $"the line found reports {found.IpAddress} ports {found.Ports.First}-{found.Ports.Last}, which does not hold {known.Address}:{known.Port}.");
        }

        var equipment = await Target.ReadEquipmentAsync(known.Reference, cancellationToken).ConfigureAwait(false);
        if (found.Current != equipment.Rates)
        {
            throw Fail(rule, $"the line found reports rates {Describe(found.Current)}, the equipment holds {Describe(equipment.Rates)}.");
        }

        var none = await Call(rule, "FindLine(unheld)", () => driver.Driver.FindLineAsync(UnheldAddress, 80, cancellationToken)).ConfigureAwait(false);
        if (none is not null)
        {
            throw Fail(rule, $"{UnheldAddress}:80 (held by nobody) gave band {none.BandId} '{none.Account}' instead of null.");
        }

        return $"{known.Address}:{known.Port} → band {found.BandId} '{found.Account}' at {Describe(found.Current)}; {UnheldAddress}:80 → null.";
    }
}
