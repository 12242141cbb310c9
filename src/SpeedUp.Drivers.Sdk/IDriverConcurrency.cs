namespace SpeedUp.Drivers;

/// <summary>
/// Implemented by a driver whose equipment takes only so many operations at once (an SSH CLI driver: its pooled
/// sessions). The scheduler admits that many calls to the channel and queues the rest itself, fairly between
/// customers, so no call waits inside the driver where a wait would look like a slow device.
/// </summary>
public interface IDriverConcurrency
{
    /// <summary>Operations the driver runs at once without waiting for its own resources; at least 1.</summary>
    int MaxConcurrentOperations { get; }
}
