namespace SpeedUp.Core.Channels;

/// <summary>
/// Capacity of one supply channel held for one session during an attempt. Disposing gives it back unless
/// <see cref="KeepAsync"/> handed it to the session, which then holds it until it ends (<see cref="ISupplyScheduler.ReleaseAsync"/>);
/// keeping moves the session off any channel it held before.
/// </summary>
public abstract class CapacityLease : IAsyncDisposable
{
    private bool _kept;
    private bool _disposed;

    /// <summary>Hands the capacity to the session: disposing no longer gives it back.</summary>
    public async Task KeepAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_kept)
        {
            await OnKeptAsync(cancellationToken).ConfigureAwait(false);
            _kept = true;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (!_kept)
            {
                await OnReleasedAsync().ConfigureAwait(false);
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The session keeps the capacity.</summary>
    protected abstract Task OnKeptAsync(CancellationToken cancellationToken);

    /// <summary>The capacity goes back to the channel.</summary>
    protected abstract Task OnReleasedAsync();
}
