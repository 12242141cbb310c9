using System.Diagnostics;
using static SpeedUp.Drivers.Conformance.DriverConformanceChecks;

namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>
/// CK10: an already cancelled token ends every call with OperationCanceledException and sends nothing; a call
/// cancelled in flight (device delayed, the driver warmed up by one call first) ends within the margin; the next call works.
/// </summary>
internal sealed class CancellationHonouredCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.CancellationHonoured;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.CancellationHonoured;
        await using var driver = CreateDriver();
        var known = Target.KnownLine;
        var auditBefore = await AuditCountAsync(cancellationToken).ConfigureAwait(false);
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync().ConfigureAwait(false);
            await ExpectCancelledAsync(rule, "FindLine(cancelled)", () => driver.Driver.FindLineAsync(known.Address, known.Port, cancelled.Token)).ConfigureAwait(false);
            await ExpectCancelledAsync(rule, "ReadLine(cancelled)", () => driver.Driver.ReadLineAsync(known.Reference, cancelled.Token)).ConfigureAwait(false);
            if (Has(TargetCapabilities.Writes))
            {
                var before = await Target.ReadEquipmentAsync(known.Reference, cancellationToken).ConfigureAwait(false);
                var direction = Target.Declaration.SettableDirections[0];
                await ExpectCancelledAsync(rule, "SetRate(cancelled)", () => driver.Driver.SetRateAsync(known.Reference, direction, ChooseRate(before, direction), cancelled.Token)).ConfigureAwait(false);
                await ExpectUnchangedAsync(rule, known.Reference, before.Rates, driver.Driver, cancellationToken).ConfigureAwait(false);
            }
        }

        await ExpectNoAuditAsync(rule, auditBefore, "a cancelled call", cancellationToken).ConfigureAwait(false);
        Require(rule, TargetCapabilities.DeviceDelay, "calls with an already cancelled token ended with OperationCanceledException; cancelling in flight needs device delay injection.");
        try
        {
            // The device delay slows its answers, not the login: a call that warmed the driver up first (a pooled session
            // open) makes the measurement the cancellation of a command in flight, not of a connection being set up on a
            // busy machine.
            await Call(rule, "ReadLine(warm-up)", () => driver.Driver.ReadLineAsync(known.Reference, cancellationToken)).ConfigureAwait(false);
            await Target.SetDeviceDelayAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            using var inFlight = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            inFlight.CancelAfter(Settings.CancelAfter);
            var watch = Stopwatch.StartNew();
            await ExpectCancelledAsync(rule, "ReadLine(cancelled in flight)", () => driver.Driver.ReadLineAsync(known.Reference, inFlight.Token)).ConfigureAwait(false);
            watch.Stop();
            if (watch.Elapsed > Settings.CancelAfter + Settings.Margin)
            {
                throw Fail(rule, $"a call cancelled after {Settings.CancelAfter.TotalMilliseconds:0} ms ended only after {watch.Elapsed.TotalMilliseconds:0} ms.");
            }

            await Target.SetDeviceDelayAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            await Call(rule, "ReadLine(after the cancellation)", () => driver.Driver.ReadLineAsync(known.Reference, cancellationToken)).ConfigureAwait(false);
            return $"cancelled tokens refused before sending; in-flight cancellation ended after {watch.Elapsed.TotalMilliseconds:0} ms; next call worked.";
        }
        finally
        {
            await Target.SetDeviceDelayAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
