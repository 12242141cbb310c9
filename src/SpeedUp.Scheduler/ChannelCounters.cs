using System.Diagnostics;
using SpeedUp.Core.Telemetry;

namespace SpeedUp.Scheduler;

/// <summary>
/// Running totals of one channel since start-up, as the admin API shows them. Every event is recorded once, here: the
/// totals move and the same call records the <see cref="ChannelMetrics"/> instrument (the operators' source of truth),
/// so the two never count differently. Thread-safe.
/// </summary>
public sealed class ChannelCounters
{
    private readonly ChannelMetrics _metrics;
    private readonly TagList _tags;
    private long _calls;
    private long _channelFaults;
    private long _failoversFrom;
    private long _rejectedFull;
    private long _circuitOpened;
    private long _busy;

    internal ChannelCounters(ChannelMetrics metrics, string channel, string driver)
    {
        _metrics = metrics;
        _tags = new TagList { { MetricTags.Channel, channel }, { MetricTags.Driver, driver } };
    }

    /// <summary>Calls made through the channel (reads, writes, probes).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls that ended in a channel fault (transport, timeout, open circuit, credentials, garbled answer).</summary>
    public long ChannelFaults => Interlocked.Read(ref _channelFaults);

    /// <summary>Requests that left this channel for the next candidate.</summary>
    public long FailoversFrom => Interlocked.Read(ref _failoversFrom);

    /// <summary>Speed-ups this channel could not take because it was full.</summary>
    public long RejectedFull => Interlocked.Read(ref _rejectedFull);

    /// <summary>Calls this channel refused as busy (no call slot in time, or every driver session in use).</summary>
    public long RefusedBusy => Interlocked.Read(ref _busy);

    /// <summary>Times the circuit opened.</summary>
    public long CircuitOpened => Interlocked.Read(ref _circuitOpened);

    /// <summary>The channel's tags (channel and driver names).</summary>
    internal TagList Tags => _tags;

    /// <summary>One call ended: <paramref name="errorType"/> is null on success (an answer about the line is not a channel fault).</summary>
    internal void Completed(string operation, TimeSpan elapsed, string? errorType, bool channelFault)
    {
        Interlocked.Increment(ref _calls);
        if (channelFault)
        {
            Interlocked.Increment(ref _channelFaults);
        }

        _metrics.Operation(_tags, operation, elapsed, errorType);
    }

    internal void FailoverFrom(string reason)
    {
        Interlocked.Increment(ref _failoversFrom);
        // The reason is a DriverFailure's name (bounded); anything else is not a tag value.
        _metrics.Failover(_tags, Enum.TryParse<Drivers.DriverFailure>(reason, out var failure) ? MetricTags.SnakeCase(failure) : "other");
    }

    internal void Full()
    {
        Interlocked.Increment(ref _rejectedFull);
        _metrics.Full(_tags);
    }

    internal void RefusedAsBusy()
    {
        Interlocked.Increment(ref _busy);
        _metrics.Busy(_tags);
    }

    internal void Opened()
    {
        Interlocked.Increment(ref _circuitOpened);
        _metrics.CircuitOpened(_tags);
    }
}
