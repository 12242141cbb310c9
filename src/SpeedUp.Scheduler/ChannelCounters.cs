namespace SpeedUp.Scheduler;

/// <summary>Running totals of one channel since start-up. Thread-safe.</summary>
public sealed class ChannelCounters
{
    private long _calls;
    private long _channelFaults;
    private long _failoversFrom;
    private long _rejectedFull;
    private long _circuitOpened;

    /// <summary>Calls made through the channel (reads, writes, probes).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls that ended in a channel fault (transport, timeout, open circuit, credentials, garbled answer).</summary>
    public long ChannelFaults => Interlocked.Read(ref _channelFaults);

    /// <summary>Requests that left this channel for the next candidate.</summary>
    public long FailoversFrom => Interlocked.Read(ref _failoversFrom);

    /// <summary>Speed-ups this channel could not take because it was full.</summary>
    public long RejectedFull => Interlocked.Read(ref _rejectedFull);

    /// <summary>Times the circuit opened.</summary>
    public long CircuitOpened => Interlocked.Read(ref _circuitOpened);

    internal void Call() => Interlocked.Increment(ref _calls);

    internal void ChannelFault() => Interlocked.Increment(ref _channelFaults);

    internal void FailoverFrom() => Interlocked.Increment(ref _failoversFrom);

    internal void Full() => Interlocked.Increment(ref _rejectedFull);

    internal void Opened() => Interlocked.Increment(ref _circuitOpened);
}
