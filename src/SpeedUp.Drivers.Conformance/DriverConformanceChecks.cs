using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace SpeedUp.Drivers.Conformance;

/// <summary>
/// The conformance checks, as plain async methods usable without xUnit. Each creates the driver through the target's
/// real factory, exercises one part of the <see cref="ISubscriberLineDriver"/> contract, and either returns a short
/// summary of what it verified or throws <see cref="ConformanceException"/> naming the rule broken
/// (<see cref="ConformanceNotApplicableException"/> when a lab target cannot support it). Writes are always undone:
/// the test line ends at the rates it had.
/// </summary>
public sealed class DriverConformanceChecks
{
    /// <summary>Accounts that must never reach a command line: metacharacters, line breaks, quotes, Unicode, blanks, empty, too long.</summary>
    public static IReadOnlyList<string> InjectionAccounts { get; } =
    [
        "zj0571a0001;reboot",
        "a|display current-configuration",
        "a\r\nsystem-view",
        "a\nquit",
        "a'b",
        "a\"b",
        "$(reboot)",
        "`id`",
        "a&&b",
        "a b",
        "用户0001",
        "a\u0000b",
        "a\u001b[2Jb",
        "",
        new string('a', 65),
    ];

    /// <summary>Ports outside 0..65535 (refused as InvalidValue).</summary>
    public static IReadOnlyList<int> InvalidPorts { get; } = [-1, 65536, int.MinValue];

    /// <summary>Rates outside 64..10,000,000 kbit/s (refused as InvalidValue).</summary>
    public static IReadOnlyList<long> InvalidRates { get; } = [0, -1, 63, 10_000_001, long.MaxValue];

    /// <summary>An address nobody holds (TEST-NET-1, RFC 5737).</summary>
    public static IPAddress UnheldAddress { get; } = IPAddress.Parse("192.0.2.1");

    private readonly ConformanceSettings _settings;

    /// <summary>Creates the checks for <paramref name="target"/>.</summary>
    public DriverConformanceChecks(IConformanceTarget target, ConformanceSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        _settings = settings ?? new ConformanceSettings();
    }

    /// <summary>The target checked.</summary>
    public IConformanceTarget Target { get; }

    /// <summary>Every check, in order, with the rule each one guards.</summary>
    public IReadOnlyList<(ConformanceRule Rule, Func<CancellationToken, Task<string>> Run)> All =>
    [
        (ConformanceRule.DeclaredCapabilities, CheckDeclarationAsync),
        (ConformanceRule.FindLine, CheckFindLineAsync),
        (ConformanceRule.FindCgnat, CheckFindCgnatAsync),
        (ConformanceRule.ReadMatchesEquipment, CheckReadMatchesEquipmentAsync),
        (ConformanceRule.SetReadBack, CheckSetThenRestoreAsync),
        (ConformanceRule.OutOfCapabilityRejected, CheckOutOfCapabilityAsync),
        (ConformanceRule.UnknownLineNotFound, CheckUnknownLineAsync),
        (ConformanceRule.TimeoutHonoured, CheckTimeoutAsync),
        (ConformanceRule.CancellationHonoured, CheckCancellationAsync),
        (ConformanceRule.NoInjection, CheckNoInjectionAsync),
        (ConformanceRule.ProbeHealthy, CheckProbeAsync),
    ];

    /// <summary>
    /// Runs every check and reports each one instead of stopping at the first failure (for tools and lab runs without
    /// xUnit). A check that throws anything but <see cref="ConformanceException"/> or
    /// <see cref="ConformanceNotApplicableException"/> is reported as failed with that exception's message.
    /// </summary>
    public async Task<IReadOnlyList<ConformanceResult>> RunAllAsync(CancellationToken cancellationToken)
    {
        var results = new List<ConformanceResult>();
        foreach (var (rule, run) in All)
        {
            try
            {
                results.Add(new ConformanceResult(rule, ConformanceOutcome.Passed, await run(cancellationToken).ConfigureAwait(false)));
            }
            catch (ConformanceException exception)
            {
                results.Add(new ConformanceResult(exception.Rule, ConformanceOutcome.Failed, exception.Message));
            }
            catch (ConformanceNotApplicableException exception)
            {
                results.Add(new ConformanceResult(rule, ConformanceOutcome.NotRun, exception.Message));
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                results.Add(new ConformanceResult(rule, ConformanceOutcome.Failed, $"[{rule.Id()} {rule}] {Target.Name}: {exception.GetType().Name}: {exception.Message}"));
            }
        }

        return results;
    }

    /// <summary>CK01: factory name as declared; declared directions settable (CK05 sets them); undeclared and undefined directions refused, nothing changed.</summary>
    public async Task<string> CheckDeclarationAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.DeclaredCapabilities;
        var declaration = Target.Declaration;
        if (!string.Equals(Target.Factory.DriverName, declaration.DriverName, StringComparison.Ordinal))
        {
            throw Fail(rule, $"the factory is named '{Target.Factory.DriverName}', the declaration says '{declaration.DriverName}'.");
        }

        var channel = Target.CreateChannel();
        if (!string.Equals(channel.Driver, declaration.DriverName, StringComparison.Ordinal))
        {
            throw Fail(rule, $"the target's channel names driver '{channel.Driver}', not '{declaration.DriverName}'.");
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

    /// <summary>CK02: the known line is found behind its (ip, port), with reference, address, block and the equipment's rates; an unheld address is null.</summary>
    public async Task<string> CheckFindLineAsync(CancellationToken cancellationToken)
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

    /// <summary>CK03: behind a CGNAT address the port picks the line; a port outside every block is null.</summary>
    public async Task<string> CheckFindCgnatAsync(CancellationToken cancellationToken)
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

    /// <summary>CK04: a read shows the rates and capability the equipment holds.</summary>
    public async Task<string> CheckReadMatchesEquipmentAsync(CancellationToken cancellationToken)
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

    /// <summary>CK05/CK06: for each declared direction, set a new rate then restore the original; each returned value equals a fresh independent read.</summary>
    public async Task<string> CheckSetThenRestoreAsync(CancellationToken cancellationToken)
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

    /// <summary>CK07: a rate above the capability is Rejected and changes nothing.</summary>
    public async Task<string> CheckOutOfCapabilityAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.OutOfCapabilityRejected;
        Require(rule, TargetCapabilities.Writes, "the lab file does not say \"allowWrites\": true.");
        await using var driver = CreateDriver();
        var line = Target.KnownLine.Reference;
        var before = await Target.ReadEquipmentAsync(line, cancellationToken).ConfigureAwait(false);
        var tried = new List<string>();
        try
        {
            foreach (var direction in Target.Declaration.SettableDirections)
            {
                var rate = before.Capability.MaxOf(direction) + 1000;
                var failure = await ExpectFailureAsync(rule, $"SetRate({direction}, {rate})", () => driver.Driver.SetRateAsync(line, direction, rate, cancellationToken)).ConfigureAwait(false);
                if (failure.Failure != DriverFailure.Rejected)
                {
                    throw Fail(rule, $"SetRate({direction}, {rate}) above the capability {before.Capability.MaxOf(direction)} failed with {failure.Failure}, expected Rejected: {failure.Message}");
                }

                tried.Add($"{direction} {rate}");
            }

            await ExpectUnchangedAsync(rule, line, before.Rates, driver.Driver, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await RestoreAsync(driver.Driver, line, before.Rates, cancellationToken).ConfigureAwait(false);
        }

        return $"rejected {string.Join(", ", tried)} kbit/s; the line stayed at {Describe(before.Rates)}.";
    }

    /// <summary>CK08: an unknown line is LineNotFound on read (and on write, with writes) and nothing changes.</summary>
    public async Task<string> CheckUnknownLineAsync(CancellationToken cancellationToken)
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

    /// <summary>
    /// CK09: with a warm session, a device slower than the budget gives Timeout within OperationTimeout + margin; a
    /// device slower but within the budget works; after the delay is lifted the same driver works again.
    /// </summary>
    public async Task<string> CheckTimeoutAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.TimeoutHonoured;
        Require(rule, TargetCapabilities.DeviceDelay, "the target cannot inject a device delay.");
        var timeout = _settings.TimeoutUnderTest;
        await using var driver = CreateDriver(timeout);
        var line = Target.KnownLine.Reference;
        try
        {
            // Warm-up: open a session first, so the budget below measures the device's slowness, not an SSH handshake on a
            // busy machine. A warm-up that runs out of budget is tried again (it is not what this rule is about).
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await driver.Driver.ReadLineAsync(line, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (DriverException exception) when (exception.Failure == DriverFailure.Timeout && attempt < 3)
                {
                }
                catch (DriverException exception)
                {
                    throw Fail(rule, $"the warm-up read failed with {exception.Failure}: {exception.Message}", exception);
                }
            }

            var slow = timeout / 6;
            await Target.SetDeviceDelayAsync(slow, cancellationToken).ConfigureAwait(false);
            await Call(rule, $"ReadLine(device {slow.TotalMilliseconds:0} ms slow, within {timeout.TotalMilliseconds:0} ms)", () => driver.Driver.ReadLineAsync(line, cancellationToken)).ConfigureAwait(false);

            var delay = timeout * 2 + TimeSpan.FromSeconds(1);
            await Target.SetDeviceDelayAsync(delay, cancellationToken).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            var failure = await ExpectFailureAsync(rule, "ReadLine(device too slow)", () => driver.Driver.ReadLineAsync(line, cancellationToken)).ConfigureAwait(false);
            watch.Stop();
            if (failure.Failure != DriverFailure.Timeout)
            {
                throw Fail(rule, $"a device {delay.TotalMilliseconds:0} ms slow with OperationTimeout {timeout.TotalMilliseconds:0} ms failed with {failure.Failure}, expected Timeout: {failure.Message}");
            }

            if (watch.Elapsed > timeout + _settings.Margin)
            {
                throw Fail(rule, $"the Timeout came after {watch.Elapsed.TotalMilliseconds:0} ms, more than OperationTimeout {timeout.TotalMilliseconds:0} ms + {_settings.Margin.TotalMilliseconds:0} ms.");
            }

            await Target.SetDeviceDelayAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            var next = await Call(rule, "ReadLine(after the timeout)", () => driver.Driver.ReadLineAsync(line, cancellationToken)).ConfigureAwait(false);
            var equipment = await Target.ReadEquipmentAsync(line, cancellationToken).ConfigureAwait(false);
            if (next.Current != equipment.Rates)
            {
                throw Fail(rule, $"after the timeout the driver reads {Describe(next.Current)}, the equipment holds {Describe(equipment.Rates)}.");
            }

            return $"{slow.TotalMilliseconds:0} ms slow: worked; {delay.TotalMilliseconds:0} ms slow: Timeout after {watch.Elapsed.TotalMilliseconds:0} ms (budget {timeout.TotalMilliseconds:0} ms); then worked again.";
        }
        finally
        {
            await Target.SetDeviceDelayAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// CK10: an already cancelled token ends every call with OperationCanceledException and sends nothing; a call
    /// cancelled in flight (device delayed) ends within the margin; the next call works.
    /// </summary>
    public async Task<string> CheckCancellationAsync(CancellationToken cancellationToken)
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
            await Target.SetDeviceDelayAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            using var inFlight = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            inFlight.CancelAfter(_settings.CancelAfter);
            var watch = Stopwatch.StartNew();
            await ExpectCancelledAsync(rule, "ReadLine(cancelled in flight)", () => driver.Driver.ReadLineAsync(known.Reference, inFlight.Token)).ConfigureAwait(false);
            watch.Stop();
            if (watch.Elapsed > _settings.CancelAfter + _settings.Margin)
            {
                throw Fail(rule, $"a call cancelled after {_settings.CancelAfter.TotalMilliseconds:0} ms ended only after {watch.Elapsed.TotalMilliseconds:0} ms.");
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

    /// <summary>CK11: accounts, ports and rates outside the grammar are InvalidValue; the equipment receives no command; the line is unchanged.</summary>
    public async Task<string> CheckNoInjectionAsync(CancellationToken cancellationToken)
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

    /// <summary>CK12/CK13: the probe is healthy and names no secret.</summary>
    public async Task<string> CheckProbeAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.ProbeHealthy;
        await using var driver = CreateDriver();
        var health = await Call(rule, "Probe", () => driver.Driver.ProbeAsync(cancellationToken)).ConfigureAwait(false);
        if (!health.Healthy)
        {
            throw Fail(rule, $"the probe reports unhealthy: {health.Detail}");
        }

        if (string.IsNullOrWhiteSpace(health.Detail))
        {
            throw Fail(rule, "the probe gives no detail of what it observed.");
        }

        EnsureNoSecret(health.Detail, "the probe detail");
        return $"healthy in {health.Latency.TotalMilliseconds:0} ms: {health.Detail}";
    }

    /// <summary>A rate of <paramref name="direction"/> different from the current one and within the capability.</summary>
    public static long ChooseRate(EquipmentLine line, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(line);
        var current = line.Rates.Of(direction);
        var max = line.Capability.MaxOf(direction);
        if (max > current)
        {
            var rate = current + ((max - current) / 2);
            var rounded = rate - (rate % 1000);
            return rounded > current ? rounded : max;
        }

        return Math.Max(64, current / 2);
    }

    private DriverLease CreateDriver(TimeSpan? operationTimeout = null)
    {
        var channel = Target.CreateChannel();
        if (operationTimeout is { } timeout)
        {
            channel.OperationTimeout = timeout;
        }

        return new DriverLease(Target.Factory.Create(channel), channel);
    }

    private bool Has(TargetCapabilities capability) => (Target.Capabilities & capability) == capability;

    private void Require(ConformanceRule rule, TargetCapabilities capability, string reason)
    {
        if (Has(capability))
        {
            return;
        }

        if (Target.Mode == ConformanceMode.Lab)
        {
            throw new ConformanceNotApplicableException(rule, Target.Name, reason);
        }

        throw Fail(ConformanceRule.TargetCapability, $"a simulator target must support {capability} (needed by {rule.Id()} {rule}): {reason}");
    }

    private ConformanceException Fail(ConformanceRule rule, string message, Exception? inner = null) => new(rule, Target.Name, message, inner);

    private async Task<T> Call<T>(ConformanceRule rule, string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DriverException exception)
        {
            EnsureNoSecret(exception.ToString(), what + "'s exception");
            throw Fail(rule, $"{what} failed with {exception.Failure}: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is not (ConformanceException or OperationCanceledException))
        {
            throw Fail(rule, $"{what} threw {exception.GetType().Name} instead of returning or throwing DriverException: {exception.Message}", exception);
        }
    }

    private async Task<DriverException> ExpectFailureAsync(ConformanceRule rule, string what, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (DriverException exception)
        {
            EnsureNoSecret(exception.ToString(), what + "'s exception");
            return exception;
        }
        catch (Exception exception) when (exception is not ConformanceException)
        {
            throw Fail(rule, $"{what} threw {exception.GetType().Name} instead of DriverException: {exception.Message}", exception);
        }

        throw Fail(rule, $"{what} succeeded; it must fail with a DriverException.");
    }

    private async Task ExpectInvalidAsync(ConformanceRule rule, string what, Func<Task> call)
    {
        var failure = await ExpectFailureAsync(rule, what, call).ConfigureAwait(false);
        if (failure.Failure != DriverFailure.InvalidValue)
        {
            throw Fail(rule, $"{what} failed with {failure.Failure}, expected InvalidValue (refused before anything is sent): {failure.Message}");
        }
    }

    private async Task ExpectCancelledAsync(ConformanceRule rule, string what, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (DriverException exception)
        {
            throw Fail(rule, $"{what} failed with DriverException {exception.Failure} instead of OperationCanceledException: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is not ConformanceException)
        {
            throw Fail(rule, $"{what} threw {exception.GetType().Name} instead of OperationCanceledException: {exception.Message}", exception);
        }

        throw Fail(rule, $"{what} completed although its token was cancelled.");
    }

    private async Task ExpectUnchangedAsync(ConformanceRule rule, LineReference line, LineRates expected, ISubscriberLineDriver driver, CancellationToken cancellationToken)
    {
        var now = await Target.ReadEquipmentAsync(line, cancellationToken).ConfigureAwait(false);
        if (now.Rates != expected)
        {
            await RestoreAsync(driver, line, expected, cancellationToken).ConfigureAwait(false);
            throw Fail(rule, $"the line changed from {Describe(expected)} to {Describe(now.Rates)} although every call failed.");
        }
    }

    private async Task<int> AuditCountAsync(CancellationToken cancellationToken) =>
        Has(TargetCapabilities.Audit) ? (await Target.ReadAuditAsync(cancellationToken).ConfigureAwait(false)).Count : 0;

    private async Task ExpectNoAuditAsync(ConformanceRule rule, int before, string cause, CancellationToken cancellationToken)
    {
        if (!Has(TargetCapabilities.Audit))
        {
            return;
        }

        var audit = await Target.ReadAuditAsync(cancellationToken).ConfigureAwait(false);
        if (audit.Count > before)
        {
            throw Fail(rule, $"{cause} reached the equipment: its audit shows {string.Join(" | ", audit.Skip(before).Select(Printable))}.");
        }
    }

    private async Task RestoreAsync(ISubscriberLineDriver driver, LineReference line, LineRates original, CancellationToken cancellationToken)
    {
        if (!Has(TargetCapabilities.Writes))
        {
            return;
        }

        try
        {
            await Target.SetDeviceDelayIfSupportedAsync(Has(TargetCapabilities.DeviceDelay)).ConfigureAwait(false);
            var now = await Target.ReadEquipmentAsync(line, CancellationToken.None).ConfigureAwait(false);
            foreach (var direction in Enum.GetValues<Direction>())
            {
                if (now.Rates.Of(direction) != original.Of(direction))
                {
                    await driver.SetRateAsync(line, direction, original.Of(direction), CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception) when (exception is DriverException or OperationCanceledException)
        {
            // Best effort: the check's own failure is what matters; the next run starts from the equipment's state.
            _ = cancellationToken;
        }
    }

    private void EnsureNoSecret(string text, string where)
    {
        var channel = Target.CreateChannel();
        foreach (var secret in new[] { channel.ResolveSecret(), channel.Snmp.ResolveAuthSecret(), channel.Snmp.ResolvePrivSecret() })
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4 && text.Contains(secret, StringComparison.Ordinal))
            {
                throw Fail(ConformanceRule.NoSecretsInMessages, $"{where} contains a channel secret.");
            }
        }
    }

    private static string Describe(LineRates rates) => string.Create(CultureInfo.InvariantCulture, $"up {rates.UpKbps} / down {rates.DownKbps} kbit/s");

    private static string Printable(string value) =>
        "'" + string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'";

    private sealed class DriverLease(ISubscriberLineDriver driver, SupplyChannelOptions channel) : IAsyncDisposable
    {
        public ISubscriberLineDriver Driver { get; } = driver;

        public SupplyChannelOptions Channel { get; } = channel;

        public async ValueTask DisposeAsync()
        {
            switch (Driver)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}

internal static class ConformanceTargetExtensions
{
    /// <summary>Lifts any injected delay before a restore, so the restore is not itself slowed past its budget.</summary>
    public static Task SetDeviceDelayIfSupportedAsync(this IConformanceTarget target, bool supported) =>
        supported ? target.SetDeviceDelayAsync(TimeSpan.Zero, CancellationToken.None) : Task.CompletedTask;
}
