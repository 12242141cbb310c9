using Microsoft.Extensions.Options;
using SpeedUp.Core.Channels;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>
/// The configured supply channels, each with the driver instance that reaches its equipment. Drivers are created
/// when the registry is (at start-up: the session sweeper needs it), so a channel a factory refuses stops the
/// service with the factory's message instead of failing requests later. Creating a driver does not connect.
/// Routing for now: the first configured channel serving the carrier's province. Health, capacity and failover come with
/// the resource-scheduler issue.
/// </summary>
public sealed class SupplyChannelRegistry : ISupplyChannels, IAsyncDisposable
{
    private readonly IReadOnlyList<SupplyChannelOptions> _channels;
    private readonly Dictionary<string, ISubscriberLineDriver> _drivers;

    /// <summary>Creates the registry over the configured channels and the registered driver factories.</summary>
    public SupplyChannelRegistry(IOptions<SchedulerOptions> options, IEnumerable<ISubscriberLineDriverFactory> factories)
    {
        var byName = factories.ToDictionary(f => f.DriverName, StringComparer.Ordinal);
        _channels = options.Value.Channels.ToArray();
        _drivers = _channels.ToDictionary(c => c.Name, c => byName[c.Driver].Create(c), StringComparer.Ordinal);
    }

    /// <summary>The configured channels.</summary>
    public IReadOnlyList<SupplyChannelOptions> Channels => _channels;

    /// <inheritdoc />
    public ChannelRoute? Route(Carrier carrier, string province)
    {
        var channel = _channels.FirstOrDefault(c => c.Carrier == carrier && c.Provinces.Contains(province));
        return channel is null ? null : Get(channel.Name);
    }

    /// <inheritdoc />
    public ChannelRoute Get(string channelName) =>
        _drivers.TryGetValue(channelName, out var driver)
            ? new ChannelRoute(channelName, driver)
            : throw new KeyNotFoundException($"Supply channel '{channelName}' is not configured (any more).");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var driver in _drivers.Values)
        {
            switch (driver)
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
