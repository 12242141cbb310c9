namespace SpeedUp.Core.Events;

/// <summary>
/// Wakes this instance's readers of the outbox when one of its stores has committed events, so that a watcher hears of
/// a change at once instead of at its next poll. Events committed by other instances are found by polling.
/// </summary>
public sealed class SessionEventSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>New events were committed.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>A task that completes at the next <see cref="Pulse"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;
}
