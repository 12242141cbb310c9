namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>CK04: a read shows the rates and capability the equipment holds.</summary>
internal sealed class ReadMatchesEquipmentCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.ReadMatchesEquipment;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.ReadMatchesEquipment;
        await using var driver = CreateDriver();
        var reference = Target.KnownLine.Reference;
        var read = await Call(rule, "ReadLine", () => driver.Driver.ReadLineAsync(reference, cancellationToken)).ConfigureAwait(false);
        var equipment = await Target.ReadEquipmentAsync(reference, cancellationToken).ConfigureAwait(false);
        if (read.BandId != reference.BandId || !string.Equals(read.Account, reference.Account, StringComparison.Ordinal))
        {
            throw Fail(rule, $"reading {reference} gave band {read.BandId} '{read.Account}'.");
        }

        if (read.Current != equipment.Rates)
        {
            throw Fail(rule, $"the driver reads {Describe(read.Current)}, the equipment holds {Describe(equipment.Rates)}.");
        }

        if (read.Capability != equipment.Capability)
        {
            throw Fail(rule, $"the driver reads capability {read.Capability}, the equipment holds {equipment.Capability}.");
        }

        return $"{reference.Account}: {Describe(read.Current)}, capability {read.Capability.MaxUpKbps}/{read.Capability.MaxDownKbps} kbit/s, as on the equipment.";
    }
}
