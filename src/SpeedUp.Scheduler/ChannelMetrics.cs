using System.Diagnostics;
using System.Diagnostics.Metrics;
using SpeedUp.Core.Telemetry;

namespace SpeedUp.Scheduler;

/// <summary>
/// Supply channels as metrics (meter <c>SpeedUp.Scheduler</c>): device operation latency by channel, driver and
/// operation; failovers, capacity refusals and circuit openings; and, observed at each collection, every channel's
/// circuit state and capacity in use. Fed by <see cref="ChannelCounters"/>, which keeps the admin API's totals from
/// the same calls.
/// </summary>
public sealed class ChannelMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SpeedUp.Scheduler";

    /// <summary>Tag naming the device operation: <c>find</c>, <c>read</c>, <c>write</c> or <c>probe</c>.</summary>
    public const string OperationTag = "speedup.device.operation";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _full;
    private readonly Counter<long> _circuitOpened;
    private readonly Counter<long> _busy;
    private IReadOnlyList<SupplyChannel> _channels = [];

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public ChannelMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram("speedup.device.operation.duration", "s",
            "Duration of one call through a channel's guarded driver (breaker, timeout, read retries included).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _failovers = meter.CreateCounter<long>("speedup.channel.failovers", "{failover}",
            "Requests that left this channel for the next candidate (channel fault or unconfirmed write).");
        _full = meter.CreateCounter<long>("speedup.channel.capacity.refusals", "{speedup}",
            "Speed-ups this channel could not take because its capacity was in use.");
        _circuitOpened = meter.CreateCounter<long>("speedup.channel.circuit.openings", "{opening}",
            "Times the channel's circuit breaker opened.");
        _busy = meter.CreateCounter<long>("speedup.channel.admission.refusals", "{call}",
            "Calls this channel refused as busy: its call slots stayed in use (queues full or queue timeout), or every driver session did.");
        meter.CreateObservableGauge("speedup.channel.admission.running", () => Each(c => c.Admission.Running), "{call}",
            "Calls holding one of this channel's call slots.");
        meter.CreateObservableGauge("speedup.channel.admission.waiting", () => Each(c => c.Admission.Waiting), "{call}",
            "Calls waiting for one of this channel's call slots.");
        meter.CreateObservableGauge("speedup.channel.circuit.state", ObserveCircuits, "{state}",
            "Circuit breaker state: 0 closed, 1 half-open, 2 open, 3 isolated.");
        meter.CreateObservableGauge("speedup.channel.capacity.speedups", ObserveSpeedUps, "{speedup}",
            "Open speed-ups holding this channel's capacity (all instances), as last read from the ledger.");
        meter.CreateObservableGauge("speedup.channel.capacity.bandwidth", ObserveBandwidth, "Mbit/s",
            "Bandwidth the open speed-ups add on this channel (target - original), as last read from the ledger.");
        meter.CreateObservableGauge("speedup.channel.capacity.speedups.limit", () => Each(c => c.Capacity.Limits.MaxSpeedUps), "{speedup}",
            "Configured MaxSpeedUps (0 = unlimited).");
        meter.CreateObservableGauge("speedup.channel.capacity.bandwidth.limit", () => Each(c => c.Capacity.Limits.BandwidthPoolMbps), "Mbit/s",
            "Configured BandwidthPoolMbps (0 = unlimited).");
    }

    /// <summary>The value of <c>speedup.channel.circuit.state</c> for <paramref name="state"/>.</summary>
    public static int GaugeValue(ChannelCircuitState state) => state switch
    {
        ChannelCircuitState.HalfOpen => 1,
        ChannelCircuitState.Open => 2,
        ChannelCircuitState.Isolated => 3,
        _ => 0,
    };

    /// <summary>The channels the observed instruments report (the registry's, once built).</summary>
    internal void Observe(IReadOnlyList<SupplyChannel> channels) => Volatile.Write(ref _channels, channels);

    internal void Operation(in TagList channel, string operation, TimeSpan elapsed, string? errorType)
    {
        var tags = channel;
        tags.Add(OperationTag, operation);
        if (errorType is not null)
        {
            tags.Add(MetricTags.ErrorType, errorType);
        }

        _duration.Record(elapsed.TotalSeconds, tags);
    }

    internal void Failover(in TagList channel, string reason)
    {
        var tags = channel;
        tags.Add(MetricTags.ErrorType, reason);
        _failovers.Add(1, tags);
    }

    internal void Full(in TagList channel) => _full.Add(1, channel);

    internal void CircuitOpened(in TagList channel) => _circuitOpened.Add(1, channel);

    internal void Busy(in TagList channel) => _busy.Add(1, channel);

    private IEnumerable<Measurement<int>> ObserveCircuits() => Each(c => GaugeValue(c.Circuit));

    private IEnumerable<Measurement<long>> ObserveSpeedUps() => Each(c => (long)c.Capacity.SpeedUpsInUse);

    private IEnumerable<Measurement<long>> ObserveBandwidth() => Each(c => c.Capacity.BandwidthInUseMbps);

    private IEnumerable<Measurement<T>> Each<T>(Func<SupplyChannel, T> value)
        where T : struct =>
        [.. Volatile.Read(ref _channels).Select(c => new Measurement<T>(value(c), c.Counters.Tags))];
}
