using System.Collections.Concurrent;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// Line locks of a single process (the embedded SQLite store): one semaphore per band id, kept for the life of the
/// process. Also the first gate of the PostgreSQL locks, so callers of one instance queue here, not on connections.
/// </summary>
public sealed class InProcessLineLocks : ILineLocks
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _locks = new();

    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireAsync(long bandId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(bandId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable?> TryAcquireAsync(long bandId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(bandId, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(0, cancellationToken).ConfigureAwait(false) ? new Releaser(gate) : null;
    }

    private sealed class Releaser(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
