namespace SpeedUp.Core.Sessions;

/// <summary>Where a speed-up session is in its life. Persisted: the names are stored.</summary>
public enum SessionState
{
    /// <summary>Intent journalled; the target rate is being applied to the device.</summary>
    Applying = 1,

    /// <summary>The device runs at the target rate until the due time.</summary>
    Active = 2,

    /// <summary>The original rate is being (or must still be) restored.</summary>
    Restoring = 3,

    /// <summary>The original rate is back; the session is over.</summary>
    Ended = 4,
}
