using System.Net;
using SpeedUp.Core.Channels;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler.Internal;

/// <summary>One attempt of a run on one channel: its guarded driver, its capacity, and the run's write record.</summary>
internal sealed class SupplyChannelAttempt(SupplyChannelRegistry registry, SupplyChannel channel, RunRecord run) : ChannelAttempt
{
    private bool _readLine;

    public override string ChannelName => channel.Name;

    public override bool WriteOutcomeUnknown => run.WriteOutcomeUnknown;

    public override Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken) =>
        channel.Driver.FindLineAsync(ipAddress, port, cancellationToken);

    public override async Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        var read = await channel.Driver.ReadLineAsync(line, cancellationToken).ConfigureAwait(false);
        _readLine = true;
        return read;
    }

    public override async Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
    {
        if (run.WriteOutcomeUnknown && !_readLine)
        {
            // An earlier write may have landed: never apply twice.
            var current = await ReadLineAsync(line, cancellationToken).ConfigureAwait(false);
            if (current.Current.Of(direction) == rateKbps)
            {
                return current.Current;
            }
        }

        try
        {
            return await channel.Driver.SetRateAsync(line, direction, rateKbps, cancellationToken).ConfigureAwait(false);
        }
        catch (DriverException e) when (SupplyChannelScheduler.MovesOn(e))
        {
            run.WriteOutcomeUnknown = true;
            throw;
        }
    }

    public override async Task<CapacityLease> LeaseCapacityAsync(string sessionId, long addedKbps, CancellationToken cancellationToken) =>
        await TryLeaseCapacityAsync(sessionId, addedKbps, cancellationToken).ConfigureAwait(false) ?? throw new ChannelFullException(channel.Name);

    public override async Task<CapacityLease?> TryLeaseCapacityAsync(string sessionId, long addedKbps, CancellationToken cancellationToken)
    {
        var (outcome, usage) = await registry.Ledger.TryHoldAsync(
            channel.Name, sessionId, ChannelCapacity.ToMbps(addedKbps), channel.Capacity.LedgerLimits, registry.Now, cancellationToken).ConfigureAwait(false);
        channel.Capacity.Observe(usage);
        if (outcome == CapacityHoldOutcome.Full)
        {
            registry.RecordFull(channel, sessionId);
            return null;
        }

        return new ChannelCapacityLease(registry.Ledger, channel, sessionId, taken: outcome == CapacityHoldOutcome.Taken);
    }
}

/// <summary>What the attempts of one run share.</summary>
internal sealed class RunRecord
{
    /// <summary>Whether a write of the run failed after it may have reached a device.</summary>
    public bool WriteOutcomeUnknown { get; set; }
}
