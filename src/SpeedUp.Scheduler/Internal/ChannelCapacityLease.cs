using SpeedUp.Core.Channels;

namespace SpeedUp.Scheduler.Internal;

/// <summary>
/// Capacity taken on one channel for one session during an attempt, held in the shared ledger. A lease over capacity
/// the session already held on that channel took nothing, so it gives nothing back; keeping one moves the session off
/// every other channel.
/// </summary>
internal sealed class ChannelCapacityLease(IChannelCapacityLedger ledger, SupplyChannel channel, string sessionId, bool taken) : CapacityLease
{
    protected override Task OnKeptAsync(CancellationToken cancellationToken) =>
        ledger.KeepOnlyAsync(sessionId, channel.Name, cancellationToken);

    protected override Task OnReleasedAsync() =>
        taken ? ledger.ReleaseAsync(sessionId, channel.Name, CancellationToken.None) : Task.CompletedTask;
}
