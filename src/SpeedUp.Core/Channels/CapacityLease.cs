namespace SpeedUp.Core.Channels;

/// <summary>
/// Capacity of one supply channel held for one session during an attempt. Disposing gives it back unless
/// <see cref="Keep"/> handed it to the session, which then holds it until it ends (<see cref="ISupplyScheduler.Release"/>);
/// keeping moves the session off any channel it held before.
/// </summary>
public abstract class CapacityLease : IAsyncDisposable
{
    private bool _kept;
    private bool _disposed;

    /// <summary>Hands the capacity to the session: disposing no longer gives it back.</summary>
    public void Keep()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_kept)
        {
            _kept = true;
            OnKept();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (!_kept)
            {
                OnReleased();
            }
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>The session keeps the capacity.</summary>
    protected abstract void OnKept();

    /// <summary>The capacity goes back to the channel.</summary>
    protected abstract void OnReleased();
}
