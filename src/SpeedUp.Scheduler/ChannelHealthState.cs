namespace SpeedUp.Scheduler;

/// <summary>What the latest observation of a channel (a probe or a call) showed.</summary>
public enum ChannelHealthState
{
    /// <summary>Not observed yet.</summary>
    Unknown,

    /// <summary>The equipment answered.</summary>
    Healthy,

    /// <summary>The latest probe or call failed with a channel fault.</summary>
    Unhealthy,
}
