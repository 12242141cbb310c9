using System.Net;
using SpeedUp.Drivers;

namespace SpeedUp.Drivers.SamplePlugin;

/// <summary>A plugin driver over an in-memory table: one line per channel, from the channel's Host as its address.</summary>
[DriverFactory]
public sealed class SampleLineDriverFactory : ISubscriberLineDriverFactory
{
    /// <summary>The driver name channels use.</summary>
    public const string Name = "sample-plugin";

    /// <inheritdoc/>
    public string DriverName => Name;

    /// <inheritdoc/>
    public ISubscriberLineDriver Create(DeviceOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new SampleLineDriver(channel.Name, IPAddress.Parse(channel.Host));
    }
}

/// <summary>One line, band 900000001, account "sample0001", behind <c>address</c>, base 4/50 Mbit/s, capability 20/200.</summary>
public sealed class SampleLineDriver(string channelName, IPAddress address) : ISubscriberLineDriver
{
    private readonly Lock _lock = new();
    private SubscriberLine _line = new(900000001, "sample0001", address, new PortRange(0, 65535), new LineRates(4000, 50000), new LineCapability(20000, 200000, true));

    /// <inheritdoc/>
    public string ChannelName => channelName;

    /// <inheritdoc/>
    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_line.IpAddress.Equals(ipAddress) ? _line : null);
        }
    }

    /// <inheritdoc/>
    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_lock)
        {
            return line.BandId == _line.BandId
                ? Task.FromResult(_line)
                : throw new DriverException(DriverFailure.LineNotFound, $"No line {line.BandId}.");
        }
    }

    /// <inheritdoc/>
    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_lock)
        {
            _line = _line with { Current = direction == Direction.Up ? _line.Current with { UpKbps = rateKbps } : _line.Current with { DownKbps = rateKbps } };
            return Task.FromResult(_line.Current);
        }
    }

    /// <inheritdoc/>
    public Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new DriverHealth(true, "in memory", TimeSpan.Zero));
}
