using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Channels;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>
/// The configured supply channels at run time and the selection policy. Drivers are created with the registry (at
/// start-up: the session sweeper needs it), so a channel a factory refuses stops the service with the factory's
/// message instead of failing requests later. Creating a driver does not connect.
/// </summary>
/// <remarks>
/// Selection policy (<see cref="Candidates"/>), among the channels serving the line's carrier, province and tier:
/// channels whose circuit is open go last, then channels whose latest probe or call failed; then lower
/// <see cref="SupplyChannelOptions.Priority"/>, then lower <see cref="SupplyChannelOptions.Cost"/>, then the higher
/// <see cref="SupplyChannelOptions.Weight"/> × free share of capacity, then the name. Full channels stay in the list:
/// the lease (counted in the shared <see cref="IChannelCapacityLedger"/>) skips them, so a full channel frees up without a restart.
/// </remarks>
public sealed partial class SupplyChannelRegistry : IAsyncDisposable
{
    private const int KeptFailovers = 100;
    private readonly IReadOnlyList<SupplyChannel> _channels;
    private readonly Dictionary<string, SupplyChannel> _byName;
    private readonly Queue<FailoverEvent> _failovers = new();
    private readonly TimeProvider _time;
    private readonly ILogger<SupplyChannelRegistry> _logger;

    /// <summary>Creates the registry over the configured channels and the registered driver factories.</summary>
    public SupplyChannelRegistry(
        IOptions<SchedulerOptions> options,
        IEnumerable<ISubscriberLineDriverFactory> factories,
        IChannelCapacityLedger ledger,
        ChannelMetrics metrics,
        TimeProvider time,
        ILogger<SupplyChannelRegistry> logger)
    {
        Ledger = ledger;
        _time = time;
        _logger = logger;
        // Duplicate driver names are refused by SchedulerOptionsValidator at start-up; the first one would win here.
        var byDriver = factories.GroupBy(f => f.DriverName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _channels = options.Value.Channels
            .Select(c => new SupplyChannel(c, byDriver[c.Driver].Create(c), metrics, time, logger))
            .ToArray();
        metrics.Observe(_channels);
        _byName = _channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>Where capacity is held, shared by every instance on the store.</summary>
    internal IChannelCapacityLedger Ledger { get; }

    /// <summary>The current time of the registry's clock.</summary>
    internal DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>The configured channels, in configuration order.</summary>
    public IReadOnlyList<SupplyChannel> Channels => _channels;

    /// <summary>The latest failovers, oldest first (at most 100).</summary>
    public IReadOnlyList<FailoverEvent> RecentFailovers
    {
        get
        {
            lock (_failovers)
            {
                return [.. _failovers];
            }
        }
    }

    /// <summary>The channel of that name, or null.</summary>
    public SupplyChannel? Channel(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// Every configured channel able to serve <paramref name="demand"/>, best first (healthy and closed circuits
    /// before failing ones, then priority, cost, and weighted free capacity). Empty when none is configured.
    /// </summary>
    public IReadOnlyList<SupplyChannel> Candidates(ChannelDemand demand) =>
        [.. _channels
            .Where(c => c.Serves(demand.Carrier, demand.Province, demand.Direction, demand.BandwidthMbps))
            .OrderBy(c => c.Circuit is ChannelCircuitState.Open or ChannelCircuitState.Isolated ? 1 : 0)
            .ThenBy(c => c.Health.State == ChannelHealthState.Unhealthy ? 1 : 0)
            .ThenBy(c => c.Options.Priority)
            .ThenBy(c => c.Options.Cost)
            .ThenByDescending(c => c.Options.Weight * c.Capacity.FreeShare)
            .ThenBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>Whether any configured channel serves <paramref name="demand"/> (no ordering: cheaper than <see cref="Candidates"/>).</summary>
    public bool AnyServes(ChannelDemand demand) =>
        _channels.Any(c => c.Serves(demand.Carrier, demand.Province, demand.Direction, demand.BandwidthMbps));

    /// <summary>Gives back what a session holds, on every channel (idempotent).</summary>
    public Task ReleaseAsync(string sessionId, CancellationToken cancellationToken) =>
        Ledger.ReleaseAsync(sessionId, null, cancellationToken);

    /// <summary>Reads every channel's usage from the shared ledger (other instances' speed-ups included).</summary>
    public async Task RefreshUsageAsync(CancellationToken cancellationToken)
    {
        var usage = await Ledger.ReadUsageAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var channel in _channels)
        {
            channel.Capacity.Observe(usage.GetValueOrDefault(channel.Name));
        }
    }

    /// <summary>Records that a run left <paramref name="fromChannel"/> for the next candidate, and why.</summary>
    public void RecordFailover(string fromChannel, string operation, string reason)
    {
        if (_byName.TryGetValue(fromChannel, out var channel))
        {
            channel.Counters.FailoverFrom(reason);
        }

        lock (_failovers)
        {
            _failovers.Enqueue(new FailoverEvent(_time.GetUtcNow(), fromChannel, operation, reason));
            while (_failovers.Count > KeptFailovers)
            {
                _failovers.Dequeue();
            }
        }

        LogFailover(fromChannel, operation, reason);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Notes that <paramref name="channel"/> refused a session for lack of capacity.</summary>
    internal void RecordFull(SupplyChannel channel, string sessionId)
    {
        channel.Counters.Full();
        LogFull(channel.Name, sessionId);
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Failover: {Operation} left channel {Channel} ({Reason}) for the next candidate")]
    private partial void LogFailover(string channel, string operation, string reason);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Channel {Channel} is full; session {SessionId} tries the next candidate")]
    private partial void LogFull(string channel, string sessionId);
}

/// <summary>One request leaving a channel for the next candidate.</summary>
public sealed record FailoverEvent(DateTimeOffset At, string FromChannel, string Operation, string Reason);
