namespace SpeedUp.Scheduler;

/// <summary>
/// How many calls one channel runs at once and who waits (<c>SpeedUp:Channels:N:Admission</c>). A request holds one
/// call slot for its whole attempt on the channel (a pre-check's lookup; a start's read, write and read-back). Waiting
/// for a slot is not a channel fault: it never counts toward the circuit breaker. The service's own work (restores,
/// reconciliation, health probes) goes before any customer's; among customers the one with the fewest calls running
/// goes next, so one customer's flood cannot keep another's calls out.
/// </summary>
public sealed class ChannelAdmissionOptions
{
    /// <summary>The default when the driver declares no limit of its own (SNMP): calls at once.</summary>
    public const int DefaultMaxConcurrentCalls = 32;

    /// <summary>
    /// Calls running through the channel at once. 0 (default) = what the driver can run without queueing (an SSH CLI
    /// channel: its <c>MaxSessions</c>), or <see cref="DefaultMaxConcurrentCalls"/> when the driver declares nothing.
    /// </summary>
    public int MaxConcurrentCalls { get; set; }

    /// <summary>Calls of all customers waiting for a slot; beyond, a customer's call is refused as busy. Default 64.</summary>
    public int QueueLimit { get; set; } = 64;

    /// <summary>Calls of one customer waiting for a slot; beyond, that customer's next call is refused as busy. Default 8.</summary>
    public int QueueLimitPerCustomer { get; set; } = 8;

    /// <summary>Longest wait for a slot; a customer's call waiting longer is refused as busy. Null (default) = the channel's OperationTimeout.</summary>
    public TimeSpan? QueueTimeout { get; set; }
}
