using static SpeedUp.Drivers.Conformance.DriverConformanceChecks;

namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>CK11: accounts, ports and rates outside the grammar are InvalidValue; the equipment receives no command; the line is unchanged.</summary>
internal sealed class NoInjectionCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.NoInjection;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.NoInjection;
        await using var driver = CreateDriver();
        var known = Target.KnownLine;
        var before = await Target.ReadEquipmentAsync(known.Reference, cancellationToken).ConfigureAwait(false);
        var auditBefore = await AuditCountAsync(cancellationToken).ConfigureAwait(false);
        var writes = Has(TargetCapabilities.Writes);
        var direction = Target.Declaration.SettableDirections[0];
        var validRate = ChooseRate(before, direction);
        try
        {
            foreach (var account in InjectionAccounts)
            {
                var reference = new LineReference(known.Reference.BandId, account);
                await ExpectInvalidAsync(rule, $"ReadLine(account {Printable(account)})", () => driver.Driver.ReadLineAsync(reference, cancellationToken)).ConfigureAwait(false);
                if (writes)
                {
                    await ExpectInvalidAsync(rule, $"SetRate(account {Printable(account)})", () => driver.Driver.SetRateAsync(reference, direction, validRate, cancellationToken)).ConfigureAwait(false);
                }
            }

            foreach (var port in InvalidPorts)
            {
                await ExpectInvalidAsync(rule, $"FindLine(port {port})", () => driver.Driver.FindLineAsync(known.Address, port, cancellationToken)).ConfigureAwait(false);
            }

            if (writes)
            {
                foreach (var rate in InvalidRates)
                {
                    await ExpectInvalidAsync(rule, $"SetRate(rate {rate})", () => driver.Driver.SetRateAsync(known.Reference, direction, rate, cancellationToken)).ConfigureAwait(false);
                }
            }

            await ExpectNoAuditAsync(rule, auditBefore, "a value outside the grammar", cancellationToken).ConfigureAwait(false);
            await ExpectUnchangedAsync(rule, known.Reference, before.Rates, driver.Driver, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await RestoreAsync(driver.Driver, known.Reference, before.Rates, cancellationToken).ConfigureAwait(false);
        }

        var parts = $"{InjectionAccounts.Count} accounts (read{(writes ? " and write" : "")}), {InvalidPorts.Count} ports{(writes ? $", {InvalidRates.Count} rates" : "")} refused as InvalidValue";
        var audit = Has(TargetCapabilities.Audit) ? "; the equipment's audit shows no command" : "";
        if (!writes)
        {
            Require(rule, TargetCapabilities.Writes, parts + audit + "; the write part needs \"allowWrites\": true.");
        }

        Require(rule, TargetCapabilities.Audit, parts + "; the equipment's audit is not visible on this target.");
        return parts + audit + ".";
    }
}
