namespace SpeedUp.Scheduler.Internal;

/// <summary>Ends an attempt whose channel has no capacity left; the run moves to the next channel.</summary>
internal sealed class ChannelFullException(string channelName)
    : Exception($"Supply channel '{channelName}' is at capacity.");
