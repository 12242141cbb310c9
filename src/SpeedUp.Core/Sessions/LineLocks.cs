using System.Collections.Concurrent;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// Serializes every change of one subscriber line (start, stop, expiry, restore) inside this process.
/// One semaphore per band id, kept for the life of the process.
/// </summary>
public sealed class LineLocks
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _locks = new();

    /// <summary>Waits for exclusive use of a line. Dispose the result to release it.</summary>
    public async Task<IDisposable> AcquireAsync(long bandId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(bandId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
