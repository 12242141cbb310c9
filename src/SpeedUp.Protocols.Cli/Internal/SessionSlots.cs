namespace SpeedUp.Protocols.Cli.Internal;

/// <summary>
/// The bookkeeping of a <see cref="CliSessionPool"/>: open and leased counts, idle sessions (most recently used
/// first out, so extra sessions go idle and time out) and FIFO waiters. A waiter gets either an idle session or
/// null, which means "a slot is reserved for you: open a session".
/// </summary>
internal sealed class SessionSlots(int maxSessions)
{
    private readonly Lock _sync = new();
    private readonly List<PooledSession> _idle = [];
    private readonly LinkedList<TaskCompletionSource<PooledSession?>> _waiters = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _open;
    private int _leased;
    private bool _closing;

    public int Open => Volatile.Read(ref _open);

    public int Leased => Volatile.Read(ref _leased);

    public bool Closing => Volatile.Read(ref _closing);

    /// <summary>An idle session, or null when the caller must open one in its reserved slot; waits FIFO when full.</summary>
    public Task<PooledSession?> AcquireAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource<PooledSession?>> node;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_closing, typeof(CliSessionPool));
            if (_idle.Count > 0)
            {
                var session = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
                _leased++;
                return Task.FromResult<PooledSession?>(session);
            }

            if (_open < maxSessions)
            {
                _open++;
                _leased++;
                return Task.FromResult<PooledSession?>(null);
            }

            cancellationToken.ThrowIfCancellationRequested();
            node = _waiters.AddLast(new TaskCompletionSource<PooledSession?>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return WaitAsync(node, cancellationToken);
    }

    /// <summary>Gives a live session back: to the first waiter, else to the idle list. False when closing (the caller closes it).</summary>
    public bool Return(PooledSession session, bool leased)
    {
        lock (_sync)
        {
            if (_closing)
            {
                _open--;
                if (leased)
                {
                    _leased--;
                }

                SignalIfDrained();
                return false;
            }

            if (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                if (!leased)
                {
                    _leased++;
                }

                first.Value.TrySetResult(session);
                return true;
            }

            _idle.Add(session);
            if (leased)
            {
                _leased--;
            }

            return true;
        }
    }

    /// <summary>A session is gone (failed or never opened): frees its slot, or hands the slot to the first waiter.</summary>
    public void Forfeit(bool leased)
    {
        lock (_sync)
        {
            if (!_closing && _waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                if (!leased)
                {
                    _leased++;
                }

                first.Value.TrySetResult(null);
                return;
            }

            _open--;
            if (leased)
            {
                _leased--;
            }

            SignalIfDrained();
        }
    }

    /// <summary>Refuses new leases, fails the waiters, and returns a task that completes when nothing is leased.</summary>
    public Task BeginClosing()
    {
        lock (_sync)
        {
            _closing = true;
            while (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                first.Value.TrySetException(new ObjectDisposedException(nameof(CliSessionPool), "The CLI session pool is draining."));
            }

            SignalIfDrained();
            return _drained.Task;
        }
    }

    /// <summary>Takes every idle session out (their slots are freed).</summary>
    public IReadOnlyList<PooledSession> TakeAll()
    {
        lock (_sync)
        {
            var all = _idle.ToList();
            _idle.Clear();
            _open -= all.Count;
            return all;
        }
    }

    /// <summary>Takes out idle sessions past the idle timeout (slots freed) and those due a keep-alive probe (slots kept).</summary>
    public (IReadOnlyList<PooledSession> Expired, IReadOnlyList<PooledSession> Due) TakeForMaintenance(TimeSpan idleTimeout, TimeSpan keepAlive)
    {
        lock (_sync)
        {
            var expired = _idle.Where(session => idleTimeout > TimeSpan.Zero && session.IdleFor >= idleTimeout).ToList();
            var due = _idle.Except(expired).Where(session => keepAlive > TimeSpan.Zero && session.UnprobedFor >= keepAlive).ToList();
            _idle.RemoveAll(session => expired.Contains(session) || due.Contains(session));
            _open -= expired.Count;
            return (expired, due);
        }
    }

    private async Task<PooledSession?> WaitAsync(LinkedListNode<TaskCompletionSource<PooledSession?>> node, CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(() =>
        {
            lock (_sync)
            {
                if (node.List is null)
                {
                    return;
                }

                _waiters.Remove(node);
            }

            node.Value.TrySetCanceled(cancellationToken);
        });
        return await node.Value.Task.ConfigureAwait(false);
    }

    private void SignalIfDrained()
    {
        if (_closing && _leased == 0)
        {
            _drained.TrySetResult();
        }
    }
}
