namespace SpeedUp.Core.Events;

/// <summary>What happened to a speed-up session. Persisted: the names are stored.</summary>
public enum SessionEventKind
{
    /// <summary>The device confirmed the target rate; the session runs until its due time.</summary>
    Activated = 1,

    /// <summary>The original rate is being put back (stop, due time, a failed apply or a restart).</summary>
    Restoring = 2,

    /// <summary>The original rate is back; the session is over (the event carries why).</summary>
    Ended = 3,

    /// <summary>The line had lost the target rate (a BRAS reboot) and it was applied again.</summary>
    Reapplied = 4,

    /// <summary>The session's due time moved later.</summary>
    Extended = 5,
}
