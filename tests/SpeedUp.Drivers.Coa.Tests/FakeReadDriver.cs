using System.Collections.Concurrent;
using System.Net;

namespace SpeedUp.Drivers.Coa.Tests;

/// <summary>The BRAS's read face in unit tests: lines in memory, with a dry run of its own; <see cref="Factory"/> builds it.</summary>
internal sealed class FakeReadDriver : ISubscriberLineDriver, IDriverDryRun
{
    public const string Name = "fake-read";

    private readonly ConcurrentDictionary<string, SubscriberLine> _lines = new(StringComparer.Ordinal);

    public FakeReadDriver() =>
        Add(new SubscriberLine(330100001, "zj0571a0001", IPAddress.Parse("202.101.172.35"), PortRange.All, new LineRates(4000, 50_000), new LineCapability(20_000, 200_000, true)));

    public string ChannelName => "ct-coa-unit";

    /// <summary>When set, reads return this instead of the truth (a BRAS that acknowledged but did not apply).</summary>
    public LineRates? Lie { get; set; }

    public int Reads { get; private set; }

    public void Add(SubscriberLine line) => _lines[line.Account] = line;

    public bool Has(string account) => _lines.ContainsKey(account);

    public void Set(string account, Direction direction, long kbps) =>
        _lines.AddOrUpdate(account, _ => throw new InvalidOperationException(), (_, l) => l with
        {
            Current = direction == Direction.Up ? l.Current with { UpKbps = kbps } : l.Current with { DownKbps = kbps },
        });

    public LineRates RatesOf(string account) => _lines[account].Current;

    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken) =>
        Task.FromResult(_lines.Values.FirstOrDefault(l => l.IpAddress.Equals(ipAddress)));

    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Reads++;
        return _lines.TryGetValue(line.Account, out var found) && found.BandId == line.BandId
            ? Task.FromResult(Lie is { } lie ? found with { Current = lie } : found)
            : throw new DriverException(DriverFailure.LineNotFound, "no such line");
    }

    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The read face is never written.");

    public Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(new DriverHealth(true, "fake up", TimeSpan.Zero));

    public DryRunPlan Render(DriverOperation operation) =>
        new("ct-coa-unit", "fake", [new DryRunStep(operation.Kind == DriverOperationKind.Probe ? "PROBE" : $"READ {operation.Line?.BandId}")]);

    /// <summary>A factory handing out this one driver.</summary>
    public ISubscriberLineDriverFactory Factory => new SingleFactory(this);

    /// <summary>A container holding only <see cref="Factory"/>, as the service's would hold every driver factory.</summary>
    public IServiceProvider Services => new FactoryContainer(Factory);

    private sealed class SingleFactory(FakeReadDriver driver) : ISubscriberLineDriverFactory
    {
        public string DriverName => Name;

        public ISubscriberLineDriver Create(DeviceOptions channel) => driver;
    }

    private sealed class FactoryContainer(ISubscriberLineDriverFactory factory) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IEnumerable<ISubscriberLineDriverFactory>) ? new[] { factory } : null;
    }
}
