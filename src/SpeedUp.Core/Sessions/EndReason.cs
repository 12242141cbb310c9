namespace SpeedUp.Core.Sessions;

/// <summary>Why a session ended (or is ending).</summary>
public enum EndReason
{
    /// <summary>Not ended.</summary>
    None = 0,

    /// <summary>The caller stopped it.</summary>
    Stopped = 1,

    /// <summary>Its due time came.</summary>
    Expired = 2,

    /// <summary>The target rate could not be applied; the original rate was kept or put back.</summary>
    ApplyFailed = 3,

    /// <summary>The service was down at the due time (or died mid-change); the rate was restored at start-up.</summary>
    RestoredAfterRestart = 4,

    /// <summary>An operator stopped it (admin <c>SessionAdmin/StopSession</c>).</summary>
    StoppedByOperator = 5,
}
