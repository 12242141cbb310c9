namespace SpeedUp.Scheduler;

/// <summary>The health of one channel: the latest observation and the latest probe. Thread-safe.</summary>
public sealed class ChannelHealth
{
    private readonly Lock _lock = new();
    private ChannelHealthState _state;
    private string _detail = "not observed yet";
    private DateTimeOffset? _observedAt;
    private DateTimeOffset? _probedAt;
    private TimeSpan _probeLatency;
    private int _consecutiveFaults;

    /// <summary>A consistent copy of the current health.</summary>
    public ChannelHealthSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new ChannelHealthSnapshot(_state, _detail, _observedAt, _probedAt, _probeLatency, _consecutiveFaults);
        }
    }

    /// <summary>The current state.</summary>
    public ChannelHealthState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>A call or probe succeeded.</summary>
    public void Succeeded(DateTimeOffset at, string detail)
    {
        lock (_lock)
        {
            _state = ChannelHealthState.Healthy;
            _detail = detail;
            _observedAt = at;
            _consecutiveFaults = 0;
        }
    }

    /// <summary>A call or probe met a channel fault.</summary>
    public void Failed(DateTimeOffset at, string detail)
    {
        lock (_lock)
        {
            _state = ChannelHealthState.Unhealthy;
            _detail = detail;
            _observedAt = at;
            _consecutiveFaults++;
        }
    }

    /// <summary>Records a probe's timing (its outcome goes through <see cref="Succeeded"/> / <see cref="Failed"/>).</summary>
    public void Probed(DateTimeOffset at, TimeSpan latency)
    {
        lock (_lock)
        {
            _probedAt = at;
            _probeLatency = latency;
        }
    }
}

/// <summary>A copy of a channel's health.</summary>
public sealed record ChannelHealthSnapshot(
    ChannelHealthState State, string Detail, DateTimeOffset? ObservedAt, DateTimeOffset? ProbedAt, TimeSpan ProbeLatency, int ConsecutiveFaults);
