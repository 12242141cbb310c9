namespace SpeedUp.Core.Sessions;

/// <summary>
/// Line locks of a single process (the embedded SQLite store): one gate per band id while somebody holds or waits for
/// it, removed when the last of them leaves, so the table is only as large as the lines being changed right now — never
/// one entry per band id ever seen. Also the first gate of the PostgreSQL locks, so callers of one instance queue here,
/// not on connections.
/// </summary>
public sealed class InProcessLineLocks : ILineLocks
{
    private readonly Dictionary<long, Gate> _gates = [];
    private readonly Lock _sync = new();

    /// <summary>How many lines have a holder or a waiter now (the size of the table).</summary>
    public int ActiveLines
    {
        get
        {
            lock (_sync)
            {
                return _gates.Count;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireAsync(long bandId, CancellationToken cancellationToken)
    {
        var gate = Enter(bandId);
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(bandId, gate);
            throw;
        }

        return new Releaser(this, bandId, gate);
    }

    /// <inheritdoc />
    public Task<IAsyncDisposable?> TryAcquireAsync(long bandId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var gate = Enter(bandId);
        if (gate.Semaphore.Wait(0, CancellationToken.None))
        {
            return Task.FromResult<IAsyncDisposable?>(new Releaser(this, bandId, gate));
        }

        Leave(bandId, gate);
        return Task.FromResult<IAsyncDisposable?>(null);
    }

    /// <summary>The line's gate, counted as used by one more holder or waiter (created when the line has none).</summary>
    private Gate Enter(long bandId)
    {
        lock (_sync)
        {
            if (!_gates.TryGetValue(bandId, out var gate))
            {
                gate = new Gate();
                _gates.Add(bandId, gate);
            }

            gate.Users++;
            return gate;
        }
    }

    /// <summary>One holder or waiter is done with the gate; the last one removes it.</summary>
    private void Leave(long bandId, Gate gate)
    {
        lock (_sync)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(bandId);
            }
        }
    }

    /// <summary>A line's semaphore and how many hold or wait for it (changed only under the table's lock).</summary>
    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(InProcessLineLocks locks, long bandId, Gate gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Semaphore.Release();
                locks.Leave(bandId, gate);
            }

            return ValueTask.CompletedTask;
        }
    }
}
