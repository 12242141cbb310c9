namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>CK03: behind a CGNAT address the port picks the line; a port outside every block is null.</summary>
internal sealed class FindCgnatCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.FindCgnat;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.FindCgnat;
        Require(rule, TargetCapabilities.Cgnat, "the lab file names no CGNAT address (\"cgnat\").");
        var cgnat = Target.Cgnat ?? throw Fail(ConformanceRule.TargetCapability, "the target declares Cgnat but gives no sample.");
        await using var driver = CreateDriver();
        var found = await Call(rule, "FindLine(cgnat)", () => driver.Driver.FindLineAsync(cgnat.Address, cgnat.PortInBlock, cancellationToken)).ConfigureAwait(false)
            ?? throw Fail(rule, $"no line was found behind {cgnat.Address}:{cgnat.PortInBlock}, expected {cgnat.ExpectedLine}.");
        if (found.BandId != cgnat.ExpectedLine.BandId || !string.Equals(found.Account, cgnat.ExpectedLine.Account, StringComparison.Ordinal))
        {
            throw Fail(rule, $"{cgnat.Address}:{cgnat.PortInBlock} gave band {found.BandId} '{found.Account}', expected {cgnat.ExpectedLine.BandId} '{cgnat.ExpectedLine.Account}' (the port must pick the line).");
        }

        if (found.Ports == PortRange.All || !found.Ports.Contains(cgnat.PortInBlock))
        {
            throw Fail(rule, $"the CGNAT line reports ports {found.Ports.First}-{found.Ports.Last}: not a block holding {cgnat.PortInBlock}.");
        }

        var outside = await Call(rule, "FindLine(outside)", () => driver.Driver.FindLineAsync(cgnat.Address, cgnat.PortOutsideAnyBlock, cancellationToken)).ConfigureAwait(false);
        if (outside is not null)
        {
            throw Fail(rule, $"{cgnat.Address}:{cgnat.PortOutsideAnyBlock} is outside every block but gave band {outside.BandId} '{outside.Account}' instead of null.");
        }

        return $"{cgnat.Address}:{cgnat.PortInBlock} → band {found.BandId} (block {found.Ports.First}-{found.Ports.Last}); port {cgnat.PortOutsideAnyBlock} → null.";
    }
}
