using System.Net;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Channels;
using SpeedUp.Drivers;
using SpeedUp.Testing;

namespace SpeedUp.Scheduler.Tests;

/// <summary>
/// The channels' instruments (meter <c>SpeedUp.Scheduler</c>) move with their events: device latency per channel, driver
/// and operation, failovers, circuit state and capacity in use; the admin API's <see cref="ChannelCounters"/> count the
/// same events. Two channels (<c>ct-a</c> preferred, <c>ct-b</c>) reach one fake equipment.
/// </summary>
public sealed class ChannelMetricsTests : IAsyncDisposable
{
    private static readonly LineReference Line = new(330100001, "zj0571a0001");
    private static readonly ChannelDemand Zhejiang = new(Carrier.ChinaTelecom, "Zhejiang");
    private readonly TestMeterFactory _meters = new();
    private readonly FakeDriverFactory _factory;
    private readonly SupplyChannelRegistry _registry;
    private readonly SupplyChannelScheduler _scheduler;

    public ChannelMetricsTests()
    {
        var equipment = new FakeEquipment();
        equipment.Add(new SubscriberLine(Line.BandId, Line.Account, IPAddress.Parse("202.101.172.35"), PortRange.All,
            new LineRates(4000, 50000), new LineCapability(20000, 200000, true)));
        var options = new SchedulerOptions();
        options.Channels.Add(FakeDriverFactory.TelecomChannel("ct-a", c => { c.Priority = 1; c.Capacity.MaxSpeedUps = 2; c.Resilience.ReadRetries = 0; }));
        options.Channels.Add(FakeDriverFactory.TelecomChannel("ct-b", c => { c.Priority = 2; c.Resilience.ReadRetries = 0; }));
        _factory = new FakeDriverFactory(equipment);
        _registry = new SupplyChannelRegistry(Options.Create(options), [_factory], new InMemoryCapacityLedger(), new ChannelMetrics(_meters),
            TimeProvider.System, NullLogger<SupplyChannelRegistry>.Instance);
        _scheduler = new SupplyChannelScheduler(_registry);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        _meters.Dispose();
    }

    [Fact]
    public async Task RunAsync_FirstChannelUnreachable_CountsTheFailoverAndBothDeviceReads()
    {
        using var failovers = Collect<long>("speedup.channel.failovers");
        using var durations = Collect<double>("speedup.device.operation.duration");
        _factory.Drivers["ct-a"].FailWith = DriverFailure.Unreachable;

        await ReadAsync();

        var failover = Assert.Single(failovers.GetMeasurementSnapshot());
        Assert.Equal(("ct-a", "fake", "unreachable"), Tags(failover.Tags, "speedup.channel", "speedup.driver", "error.type"));
        Assert.Equal(1, _registry.Channel("ct-a")!.Counters.FailoversFrom);
        var reads = durations.GetMeasurementSnapshot();
        Assert.Equal(2, reads.Count);
        Assert.Contains(reads, m => Equals(m.Tags["speedup.channel"], "ct-a") && Equals(m.Tags["error.type"], "unreachable") && Equals(m.Tags["speedup.device.operation"], "read"));
        Assert.Contains(reads, m => Equals(m.Tags["speedup.channel"], "ct-b") && !m.Tags.ContainsKey("error.type"));
        Assert.All(reads, m => Assert.True(m.Value >= 0));
    }

    [Fact]
    public async Task CircuitStateGauge_AfterRepeatedChannelFaults_ReadsOpenForThatChannelOnly()
    {
        using var state = Collect<int>("speedup.channel.circuit.state");
        using var openings = Collect<long>("speedup.channel.circuit.openings");
        _factory.Drivers["ct-a"].FailWith = DriverFailure.Timeout;
        state.RecordObservableInstruments();
        Assert.All(state.GetMeasurementSnapshot(clear: true), m => Assert.Equal(0, m.Value));

        for (var i = 0; i < 4 && _registry.Channel("ct-a")!.Circuit == ChannelCircuitState.Closed; i++)
        {
            await Assert.ThrowsAsync<DriverException>(() => _registry.Channel("ct-a")!.Driver.ReadLineAsync(Line, Ct));
        }

        state.RecordObservableInstruments();
        var byChannel = state.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["speedup.channel"]!, m => m.Value);
        Assert.Equal(2, byChannel["ct-a"]); // 0 closed, 1 half-open, 2 open, 3 isolated
        Assert.Equal(0, byChannel["ct-b"]);
        Assert.Equal("ct-a", Assert.Single(openings.GetMeasurementSnapshot()).Tags["speedup.channel"]);
        Assert.Equal(1, _registry.Channel("ct-a")!.Counters.CircuitOpened);
    }

    [Fact]
    public async Task CapacityGauges_AfterALeaseIsKept_ReadOneSpeedUpAndItsAddedBandwidth()
    {
        using var speedUps = Collect<long>("speedup.channel.capacity.speedups");
        using var bandwidth = Collect<long>("speedup.channel.capacity.bandwidth");

        await _scheduler.RunAsync(new ChannelRequest("start", Zhejiang), async (attempt, ct) =>
        {
            await using var lease = await attempt.LeaseCapacityAsync("session-1", 150_000, ct);
            await lease.KeepAsync(ct);
            return 0;
        }, Ct);

        speedUps.RecordObservableInstruments();
        bandwidth.RecordObservableInstruments();
        Assert.Equal(1, speedUps.GetMeasurementSnapshot().Single(m => Equals(m.Tags["speedup.channel"], "ct-a")).Value);
        Assert.Equal(150, bandwidth.GetMeasurementSnapshot().Single(m => Equals(m.Tags["speedup.channel"], "ct-a")).Value);
        Assert.Equal(0, speedUps.GetMeasurementSnapshot().Single(m => Equals(m.Tags["speedup.channel"], "ct-b")).Value);
    }

    [Fact]
    public void GaugeValue_OfEachCircuitState_FollowsTheDocumentedScale()
    {
        Assert.Equal(
            [0, 1, 2, 3],
            new[] { ChannelCircuitState.Closed, ChannelCircuitState.HalfOpen, ChannelCircuitState.Open, ChannelCircuitState.Isolated }.Select(ChannelMetrics.GaugeValue));
    }

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(_meters, ChannelMetrics.MeterName, instrument);

    private async Task ReadAsync() =>
        await _scheduler.RunAsync(new ChannelRequest("read", Zhejiang), async (attempt, ct) =>
        {
            await attempt.ReadLineAsync(Line, ct);
            return attempt.ChannelName;
        }, Ct);

    private static (object?, object?, object?) Tags(IReadOnlyDictionary<string, object?> tags, string a, string b, string c) => (tags[a], tags[b], tags[c]);
}
