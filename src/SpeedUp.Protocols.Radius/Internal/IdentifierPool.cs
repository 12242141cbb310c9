namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>
/// The 256 identifiers of one socket (RFC 2865 §3). Handed out round-robin, so an identifier is reused as late as
/// possible and a late answer to an old request rarely meets a new one; when all are in use, callers wait.
/// </summary>
internal sealed class IdentifierPool : IDisposable
{
    private const int Size = 256;
    private readonly SemaphoreSlim _free = new(Size, Size);
    private readonly bool[] _used = new bool[Size];
    private readonly Lock _gate = new();
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next;

    public IdentifierPool(byte first = 0) => _next = first;

    /// <summary>How many identifiers are in use.</summary>
    public int InUse => Size - _free.CurrentCount;

    /// <summary>Takes a free identifier, waiting until one is released.</summary>
    public async Task<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        await _free.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            for (var probe = 0; probe < Size; probe++)
            {
                var id = (_next + probe) % Size;
                if (!_used[id])
                {
                    _used[id] = true;
                    _next = (id + 1) % Size;
                    return new Lease(this, (byte)id);
                }
            }
        }

        _free.Release();
        throw new InvalidOperationException("The identifier pool is inconsistent.");
    }

    /// <summary>
    /// Takes a free identifier that <paramref name="accept"/> takes (asked under the pool's lock, in round-robin order),
    /// waiting while every acceptable one is in use; null when <paramref name="accept"/> takes none of the 256.
    /// </summary>
    public async Task<Lease?> AcquireAsync(Func<byte, bool> accept, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _free.WaitAsync(cancellationToken).ConfigureAwait(false);
            Task released;
            var acceptable = false;
            lock (_gate)
            {
                for (var probe = 0; probe < Size; probe++)
                {
                    var id = (_next + probe) % Size;
                    if (!accept((byte)id))
                    {
                        continue;
                    }

                    acceptable = true;
                    if (!_used[id])
                    {
                        _used[id] = true;
                        _next = (id + 1) % Size;
                        return new Lease(this, (byte)id);
                    }
                }

                released = _released.Task;
            }

            _free.Release();
            if (!acceptable)
            {
                return null;
            }

            await released.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Release(byte id)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            _used[id] = false;
            released = _released;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _free.Release();
        released.TrySetResult();
    }

    public void Dispose() => _free.Dispose();

    /// <summary>One identifier, given back on dispose.</summary>
    internal sealed class Lease(IdentifierPool pool, byte id) : IDisposable
    {
        private int _released;

        public byte Id { get; } = id;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                pool.Release(Id);
            }
        }
    }
}
