namespace SpeedUp.Scheduler.Internal;

/// <summary>Ends an attempt that got none of its channel's call slots in time; the run moves to the next channel.</summary>
internal sealed class ChannelBusyException(SupplyChannel channel)
    : Exception($"Supply channel '{channel.Name}' is busy: all {channel.Admission.MaxConcurrentCalls} call slots stayed in use.");
