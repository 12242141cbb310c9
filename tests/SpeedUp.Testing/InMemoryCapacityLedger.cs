using SpeedUp.Core.Channels;

namespace SpeedUp.Testing;

/// <summary>
/// A capacity ledger of one process for the scheduler's unit tests: every holding counts (there is no journal to ask
/// whether its session is open). The stores' ledgers are tested by the store contract suite.
/// </summary>
public sealed class InMemoryCapacityLedger : IChannelCapacityLedger
{
    private readonly Dictionary<(string Session, string Channel), long> _holdings = [];

    /// <summary>Records a holding whatever the limits (a session opened earlier).</summary>
    public void Hold(string channel, string sessionId, long addedMbps)
    {
        lock (_holdings)
        {
            _holdings[(sessionId, channel)] = addedMbps;
        }
    }

    /// <inheritdoc />
    public Task<(CapacityHoldOutcome Outcome, ChannelUsage Usage)> TryHoldAsync(
        string channel, string sessionId, long addedMbps, ChannelLimits limits, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_holdings)
        {
            var usage = UsageOf(channel);
            if (_holdings.ContainsKey((sessionId, channel)))
            {
                return Task.FromResult((CapacityHoldOutcome.AlreadyHeld, usage));
            }

            if (!limits.Admit(usage, addedMbps))
            {
                return Task.FromResult((CapacityHoldOutcome.Full, usage));
            }

            _holdings[(sessionId, channel)] = addedMbps;
            return Task.FromResult((CapacityHoldOutcome.Taken, UsageOf(channel)));
        }
    }

    /// <inheritdoc />
    public Task KeepOnlyAsync(string sessionId, string channel, CancellationToken cancellationToken) =>
        Remove(k => k.Session == sessionId && k.Channel != channel);

    /// <inheritdoc />
    public Task ReleaseAsync(string sessionId, string? channel, CancellationToken cancellationToken) =>
        Remove(k => k.Session == sessionId && (channel is null || k.Channel == channel));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, ChannelUsage>> ReadUsageAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_holdings)
        {
            IReadOnlyDictionary<string, ChannelUsage> usage = _holdings.Keys.Select(k => k.Channel).Distinct().ToDictionary(c => c, UsageOf);
            return Task.FromResult(usage);
        }
    }

    private ChannelUsage UsageOf(string channel)
    {
        var held = _holdings.Where(h => h.Key.Channel == channel).ToArray();
        return new ChannelUsage(held.Length, held.Sum(h => h.Value));
    }

    private Task Remove(Func<(string Session, string Channel), bool> which)
    {
        lock (_holdings)
        {
            foreach (var key in _holdings.Keys.Where(which).ToArray())
            {
                _holdings.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}
