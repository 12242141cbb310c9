namespace SpeedUp.Drivers.Conformance.Rules;

/// <summary>CK14: nothing reaches the equipment during a check but what the driver declares for the operations it was asked for.</summary>
internal abstract partial class ConformanceCheck
{
    private const int MaxShown = 5;

    private async Task<long> TrafficMarkAsync(CancellationToken cancellationToken) =>
        Has(TargetCapabilities.Traffic) && await Target.ReadReceivedAsync(cancellationToken).ConfigureAwait(false) is { Count: > 0 } received
            ? received[^1].Sequence
            : 0;

    private async Task ExpectOnlyDeclaredTrafficAsync(long mark, CancellationToken cancellationToken)
    {
        const ConformanceRule rule = ConformanceRule.UndeclaredTraffic;
        if (!Has(TargetCapabilities.Traffic))
        {
            if (Target.Mode == ConformanceMode.Simulator)
            {
                Require(rule, TargetCapabilities.Traffic, "the lines and requests the equipment received are not visible on this target.");
            }

            return;
        }

        var received = (await Target.ReadReceivedAsync(cancellationToken).ConfigureAwait(false)).Where(input => input.Sequence > mark).ToList();
        if (_undeclaringDriver && received.Count > 0)
        {
            throw Fail(rule, $"the driver sent {received.Count} line(s)/request(s) (first {Printable(received[0].Text)}) but declares nothing it sends: implement IDriverDryRun.");
        }

        var undeclared = DeclaredTraffic.Undeclared(received, _declared);
        if (undeclared.Count > 0)
        {
            throw Fail(rule,
                $"the equipment received {undeclared.Count} line(s)/request(s) the driver does not declare for the operations of this check: " +
                string.Join(" | ", undeclared.Take(MaxShown).Select(input => Printable(input.Text))) + (undeclared.Count > MaxShown ? " | …" : "") + ".");
        }
    }
}
