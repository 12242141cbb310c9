namespace SpeedUp.Core.Events;

/// <summary>The session-event outbox and its stream (<c>SpeedUp:Events</c>).</summary>
public sealed class SessionEventOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SpeedUp:Events";

    /// <summary>How often a watcher looks for events committed by other instances (this instance's wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a quiet stream waits before it sends a heartbeat carrying the current resume token.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many events one read of the outbox takes.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long events are kept; a resume token older than that is refused (the client re-reads the state first).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
