namespace SpeedUp.Scheduler;

/// <summary>A channel's circuit breaker, as the admin API shows it.</summary>
public enum ChannelCircuitState
{
    /// <summary>Calls flow.</summary>
    Closed,

    /// <summary>Calls are refused at once until the break ends.</summary>
    Open,

    /// <summary>The break ended: the next call (or probe) is a trial that closes or re-opens the circuit.</summary>
    HalfOpen,

    /// <summary>Held open by hand.</summary>
    Isolated,
}
