namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>
/// CK15: with the device's pager forced on at a page shorter than one subscriber block, find (behind the CGNAT address,
/// where the answer spans several blocks) and read still give what the equipment holds: the dialect's pager pattern and
/// response are exercised, whatever the session asked for on open.
/// </summary>
internal sealed class PagedOutputCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    /// <summary>Lines per forced page: shorter than any subscriber block, so every answer is paged.</summary>
    public const int PageLength = 4;

    public override ConformanceRule Rule => ConformanceRule.PagedOutput;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.PagedOutput;
        if (!Has(TargetCapabilities.Paging))
        {
            if (Target.Mode == ConformanceMode.Lab)
            {
                throw new ConformanceNotApplicableException(rule, Target.Name, "the kit cannot force a lab device's pager on.");
            }

            return "not applicable: the driver reads no paged CLI.";
        }

        await using var driver = CreateDriver();
        var known = Target.KnownLine;
        await Target.SetForcedPagingAsync(PageLength, cancellationToken).ConfigureAwait(false);
        try
        {
            var found = await Call(rule, "FindLine(known) through the pager", () => driver.Driver.FindLineAsync(known.Address, known.Port, cancellationToken)).ConfigureAwait(false)
                ?? throw Fail(rule, $"with the pager on ({PageLength} lines a page) no line was found behind {known.Address}:{known.Port}: check the dialect's pager.pattern against the device's pager line.");
            var read = await Call(rule, "ReadLine(known) through the pager", () => driver.Driver.ReadLineAsync(known.Reference, cancellationToken)).ConfigureAwait(false);
            var equipment = await Target.ReadEquipmentAsync(known.Reference, cancellationToken).ConfigureAwait(false);
            if (found.BandId != known.Reference.BandId || found.Current != equipment.Rates || read.Current != equipment.Rates || read.Capability != equipment.Capability)
            {
                throw Fail(rule, $"with the pager on, find gave band {found.BandId} at {Describe(found.Current)} and read gave {Describe(read.Current)} " +
                                 $"(capability {read.Capability}); the equipment holds {Describe(equipment.Rates)} (capability {equipment.Capability}).");
            }

            var cgnat = "";
            if (Target.Cgnat is { } sample)
            {
                var behind = await Call(rule, "FindLine(cgnat) through the pager", () => driver.Driver.FindLineAsync(sample.Address, sample.PortInBlock, cancellationToken)).ConfigureAwait(false);
                if (behind is null || behind.BandId != sample.ExpectedLine.BandId)
                {
                    throw Fail(rule, $"with the pager on, {sample.Address}:{sample.PortInBlock} gave {(behind is null ? "no line" : $"band {behind.BandId}")}, expected {sample.ExpectedLine.BandId}: the pages were not joined into one answer.");
                }

                cgnat = $"; {sample.Address}:{sample.PortInBlock} → band {behind.BandId} across pages";
            }

            return $"pager forced on at {PageLength} lines a page: {known.Reference.Account} found and read at {Describe(read.Current)}{cgnat}.";
        }
        finally
        {
            await Target.SetForcedPagingAsync(0, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
