using System.Net;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>An in-memory line table standing in for equipment at the unit level; can be told to fail.</summary>
internal sealed class FakeLineDriver(string channelName) : ISubscriberLineDriver
{
    private readonly Dictionary<long, SubscriberLine> _lines = [];

    public string ChannelName => channelName;

    public DriverFailure? FailWith { get; set; }

    public List<(long BandId, Direction Direction, long Kbps)> Writes { get; } = [];

    public void Add(SubscriberLine line) => _lines[line.BandId] = line;

    public LineRates RatesOf(long bandId) => _lines[bandId].Current;

    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return Task.FromResult(_lines.Values.FirstOrDefault(l => l.IpAddress.Equals(ipAddress) && l.Ports.Contains(port)));
    }

    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return Task.FromResult(_lines.TryGetValue(line.BandId, out var found)
            ? found
            : throw new DriverException(DriverFailure.LineNotFound, "no such line"));
    }

    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        var current = _lines[line.BandId];
        var rates = direction == Direction.Up ? current.Current with { UpKbps = rateKbps } : current.Current with { DownKbps = rateKbps };
        _lines[line.BandId] = current with { Current = rates };
        Writes.Add((line.BandId, direction, rateKbps));
        return Task.FromResult(rates);
    }

    public Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new DriverHealth(FailWith is null, "fake", TimeSpan.Zero));

    private void ThrowIfFailing()
    {
        if (FailWith is { } failure)
        {
            throw new DriverException(failure, "injected failure");
        }
    }
}
