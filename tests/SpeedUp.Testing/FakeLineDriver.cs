using System.Net;
using SpeedUp.Drivers;
using SpeedUp.Scheduler;

namespace SpeedUp.Testing;

/// <summary>An in-memory line table standing in for one piece of equipment, shared by every channel reaching it.</summary>
public sealed class FakeEquipment
{
    private readonly Dictionary<long, SubscriberLine> _lines = [];

    /// <summary>Every applied write, by channel, in order.</summary>
    public List<(string Channel, long BandId, Direction Direction, long Kbps)> Writes { get; } = [];

    public void Add(SubscriberLine line)
    {
        lock (_lines)
        {
            _lines[line.BandId] = line;
        }
    }

    public LineRates RatesOf(long bandId)
    {
        lock (_lines)
        {
            return _lines[bandId].Current;
        }
    }

    /// <summary>Every line back at <paramref name="rates"/> (a reboot).</summary>
    public void Reset(long bandId, LineRates rates)
    {
        lock (_lines)
        {
            _lines[bandId] = _lines[bandId] with { Current = rates };
        }
    }

    public SubscriberLine? Find(IPAddress ipAddress, int port)
    {
        lock (_lines)
        {
            return _lines.Values.FirstOrDefault(l => l.IpAddress.Equals(ipAddress) && l.Ports.Contains(port));
        }
    }

    public SubscriberLine? Read(long bandId)
    {
        lock (_lines)
        {
            return _lines.GetValueOrDefault(bandId);
        }
    }

    public LineRates Write(string channel, long bandId, Direction direction, long rateKbps)
    {
        lock (_lines)
        {
            var current = _lines[bandId];
            var rates = direction == Direction.Up ? current.Current with { UpKbps = rateKbps } : current.Current with { DownKbps = rateKbps };
            _lines[bandId] = current with { Current = rates };
            Writes.Add((channel, bandId, direction, rateKbps));
            return rates;
        }
    }
}

/// <summary>One channel's driver onto a <see cref="FakeEquipment"/>; can be told to fail, before or after a write lands.</summary>
public sealed class FakeLineDriver(string channelName, FakeEquipment equipment) : ISubscriberLineDriver
{
    public FakeLineDriver(string channelName)
        : this(channelName, new FakeEquipment())
    {
    }

    public string ChannelName => channelName;

    public FakeEquipment Equipment => equipment;

    /// <summary>Every call fails with this, nothing is done.</summary>
    public DriverFailure? FailWith { get; set; }

    /// <summary>Writes fail with this before anything lands; reads work.</summary>
    public DriverFailure? FailWritesWith { get; set; }

    /// <summary>Writes land on the equipment, then the call fails with this (the answer was lost).</summary>
    public DriverFailure? FailAfterWrite { get; set; }

    /// <summary>Calls made, all kinds.</summary>
    public int Calls { get; private set; }

    /// <summary>Writes applied through this driver.</summary>
    public List<(long BandId, Direction Direction, long Kbps)> Writes { get; } = [];

    public void Add(SubscriberLine line) => equipment.Add(line);

    public LineRates RatesOf(long bandId) => equipment.RatesOf(bandId);

    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return Task.FromResult(equipment.Find(ipAddress, port));
    }

    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return Task.FromResult(equipment.Read(line.BandId) ?? throw new DriverException(DriverFailure.LineNotFound, "no such line"));
    }

    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        if (FailWritesWith is { } before)
        {
            throw new DriverException(before, "injected write failure, nothing sent");
        }

        var rates = equipment.Write(channelName, line.BandId, direction, rateKbps);
        Writes.Add((line.BandId, direction, rateKbps));
        if (FailAfterWrite is { } failure)
        {
            throw new DriverException(failure, "injected failure after the write landed");
        }

        return Task.FromResult(rates);
    }

    public Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(new DriverHealth(FailWith is null, FailWith is null ? "fake" : "injected " + FailWith, TimeSpan.Zero));
    }

    private void ThrowIfFailing()
    {
        Calls++;
        if (FailWith is { } failure)
        {
            throw new DriverException(failure, "injected failure");
        }
    }
}

/// <summary>Creates <see cref="FakeLineDriver"/>s over one shared <see cref="FakeEquipment"/>, keeping them by channel.</summary>
public sealed class FakeDriverFactory(FakeEquipment equipment) : ISubscriberLineDriverFactory
{
    public const string Name = "fake";

    public Dictionary<string, FakeLineDriver> Drivers { get; } = new(StringComparer.Ordinal);

    public string DriverName => Name;

    /// <summary>A China Telecom channel serving Zhejiang through the fake equipment.</summary>
    public static SupplyChannelOptions TelecomChannel(string name, Action<SupplyChannelOptions>? configure = null)
    {
        var options = new SupplyChannelOptions { Name = name, Carrier = Carrier.ChinaTelecom, Driver = Name, Port = 1 };
        options.Provinces.Add("Zhejiang");
        configure?.Invoke(options);
        return options;
    }

    public ISubscriberLineDriver Create(DeviceOptions channel)
    {
        var driver = new FakeLineDriver(channel.Name, equipment);
        Drivers[channel.Name] = driver;
        return driver;
    }
}
