namespace SpeedUp.Protocols.Cli;

/// <summary>Settings of one <see cref="CliSessionPool"/> (one pool per device).</summary>
public sealed class CliSessionPoolOptions
{
    /// <summary>
    /// Most sessions open to the device at once (leased, idle or being opened); one command is in flight per
    /// session. Keep it below the device's VTY limit. Default 2; at least 1.
    /// </summary>
    public int MaxSessions { get; set; } = 2;

    /// <summary>
    /// An idle session is probed (an empty line, expecting the prompt back) once it has been idle this long;
    /// a session that does not answer is discarded. Zero or negative disables probing. Default 30 s.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An idle session unused this long is closed. Zero or negative keeps idle sessions open. Default 5 min.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an operation may wait (FIFO) for a free session when all <see cref="MaxSessions"/> are leased
    /// before it fails with <see cref="CliFailure.Timeout"/>. Default 10 s, the default operation timeout of the
    /// drivers (which set it to their own operation timeout).
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a keep-alive probe may take. Default 5 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The clock of lease timeouts, idle and keep-alive maintenance and drain timeouts (and of command timeouts when
    /// <see cref="ChannelOptions"/> is not given). Default <see cref="TimeProvider.System"/> (tests pass a fake one).
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Which failures of an operation leave its session fit for the next one: those the device answered cleanly (a
    /// refused command, an unknown line). Every other failure — a protocol error, a timeout, a cancellation, an
    /// overflowing buffer, any <see cref="CliException"/> — discards the session (closed, never returned to the pool),
    /// since its screen may hold late or hostile output. Default null: every failure discards its session.
    /// </summary>
    public Func<Exception, bool>? KeepSessionAfter { get; set; }

    /// <summary>Options of every session (command timeout, output limit, transcript, masked values); defaults when null.</summary>
    public CliChannelOptions? ChannelOptions { get; set; }
}
