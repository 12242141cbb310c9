using System.Diagnostics;

namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>
/// CK09: with a warm session, a device slower than the budget gives Timeout within OperationTimeout + margin; a
/// device slower but within the budget works; after the delay is lifted the same driver works again.
/// </summary>
internal sealed class TimeoutHonouredCheck(IConformanceTarget target, ConformanceSettings settings) : ConformanceCheck(target, settings)
{
    public override ConformanceRule Rule => ConformanceRule.TimeoutHonoured;

    protected override async Task<string> RunCoreAsync(CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.TimeoutHonoured;
        Require(rule, TargetCapabilities.DeviceDelay, "the target cannot inject a device delay.");
        var timeout = Settings.TimeoutUnderTest;
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

            if (watch.Elapsed > timeout + Settings.Margin)
            {
                throw Fail(rule, $"the Timeout came after {watch.Elapsed.TotalMilliseconds:0} ms, more than OperationTimeout {timeout.TotalMilliseconds:0} ms + {Settings.Margin.TotalMilliseconds:0} ms.");
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
}
