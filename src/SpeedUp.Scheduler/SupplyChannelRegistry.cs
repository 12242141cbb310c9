using System.Collections.Concurrent;
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
/// the reservation (<see cref="TryReserve"/>) skips them, so a full channel frees up without a restart.
/// </remarks>
public sealed partial class SupplyChannelRegistry : ISupplyChannels, IAsyncDisposable
{
    private const int KeptFailovers = 100;
    private readonly IReadOnlyList<SupplyChannel> _channels;
    private readonly Dictionary<string, SupplyChannel> _byName;
    private readonly ConcurrentDictionary<string, SupplyChannel> _reservations = new(StringComparer.Ordinal);
    private readonly Queue<FailoverEvent> _failovers = new();
    private readonly TimeProvider _time;
    private readonly ILogger<SupplyChannelRegistry> _logger;

    /// <summary>Creates the registry over the configured channels and the registered driver factories.</summary>
    public SupplyChannelRegistry(
        IOptions<SchedulerOptions> options, IEnumerable<ISubscriberLineDriverFactory> factories, TimeProvider time, ILogger<SupplyChannelRegistry> logger)
    {
        _time = time;
        _logger = logger;
        // Duplicate driver names are refused by SchedulerOptionsValidator at start-up; the first one would win here.
        var byDriver = factories.GroupBy(f => f.DriverName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _channels = options.Value.Channels
            .Select(c => new SupplyChannel(c, byDriver[c.Driver].Create(c), time, logger))
            .ToArray();
        _byName = _channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

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

    /// <inheritdoc />
    public IReadOnlyList<ChannelRoute> Candidates(ChannelDemand demand) =>
        [.. _channels
            .Where(c => c.Serves(demand.Carrier, demand.Province, demand.Direction, demand.BandwidthMbps))
            .OrderBy(c => c.Circuit is ChannelCircuitState.Open or ChannelCircuitState.Isolated ? 1 : 0)
            .ThenBy(c => c.Health.State == ChannelHealthState.Unhealthy ? 1 : 0)
            .ThenBy(c => c.Options.Priority)
            .ThenBy(c => c.Options.Cost)
            .ThenByDescending(c => c.Options.Weight * c.Capacity.FreeShare)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ChannelRoute(c.Name, c.Driver))];

    /// <inheritdoc />
    public ChannelRoute? Find(string channelName) =>
        _byName.TryGetValue(channelName, out var channel) ? new ChannelRoute(channel.Name, channel.Driver) : null;

    /// <inheritdoc />
    public bool TryReserve(string channelName, string sessionId, long addedKbps) => Reserve(channelName, sessionId, addedKbps, force: false);

    /// <inheritdoc />
    public void Adopt(string channelName, string sessionId, long addedKbps) => Reserve(channelName, sessionId, addedKbps, force: true);

    /// <inheritdoc />
    public void Release(string sessionId)
    {
        if (_reservations.TryRemove(sessionId, out var channel))
        {
            channel.Capacity.Give(sessionId);
        }
    }

    /// <inheritdoc />
    public void RecordFailover(string fromChannel, string operation, string reason)
    {
        if (_byName.TryGetValue(fromChannel, out var channel))
        {
            channel.Counters.FailoverFrom();
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

    private bool Reserve(string channelName, string sessionId, long addedKbps, bool force)
    {
        if (!_byName.TryGetValue(channelName, out var channel))
        {
            return false;
        }

        // One reservation per session: a session moving to another channel gives the old one back once the new one holds.
        _reservations.TryGetValue(sessionId, out var held);
        if (ReferenceEquals(held, channel))
        {
            return true;
        }

        if (!channel.Capacity.TryTake(sessionId, addedKbps, force))
        {
            channel.Counters.Full();
            LogFull(channelName, sessionId);
            return false;
        }

        _reservations[sessionId] = channel;
        held?.Capacity.Give(sessionId);
        return true;
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Failover: {Operation} left channel {Channel} ({Reason}) for the next candidate")]
    private partial void LogFailover(string channel, string operation, string reason);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Channel {Channel} is full; session {SessionId} tries the next candidate")]
    private partial void LogFull(string channel, string sessionId);
}

/// <summary>One request leaving a channel for the next candidate.</summary>
public sealed record FailoverEvent(DateTimeOffset At, string FromChannel, string Operation, string Reason);
