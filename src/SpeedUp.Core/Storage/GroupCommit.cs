using System.Collections.Concurrent;

namespace SpeedUp.Core.Storage;

/// <summary>
/// Writes submitted at the same time share one commit. A caller that finds no batch being written writes at once, on its
/// own thread, every write pending then — its own first — as one batch; callers that arrive meanwhile wait, and the next
/// batch (all of them, up to <see cref="MaxBatch"/>) is written as soon as the running one committed. A write's result
/// is handed back only after its batch committed, so durability is the commit's, whatever the batch size; alone, a
/// caller pays nothing more than its own commit.
/// </summary>
/// <typeparam name="TWrite">One write.</typeparam>
/// <typeparam name="TResult">Its result.</typeparam>
public sealed class GroupCommit<TWrite, TResult>
{
    private readonly Func<IReadOnlyList<TWrite>, CancellationToken, Task<IReadOnlyList<TResult>>> _commit;
    private readonly ConcurrentQueue<Pending> _pending = new();
    private int _writing;

    /// <summary>
    /// Creates the group for a batch writer: <paramref name="commit"/> writes the batch in one transaction and returns
    /// one result per write, in order, once committed; an exception fails every write of the batch (none committed).
    /// </summary>
    public GroupCommit(Func<IReadOnlyList<TWrite>, CancellationToken, Task<IReadOnlyList<TResult>>> commit, int maxBatch = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _commit = commit;
        MaxBatch = maxBatch;
    }

    /// <summary>The most writes one commit takes.</summary>
    public int MaxBatch { get; }

    /// <summary>
    /// Writes <paramref name="write"/> with whatever else is pending and returns its result once committed. Cancelling
    /// stops the wait, not the write: a write taken into a batch is committed or failed with the batch.
    /// </summary>
    public async Task<TResult> WriteAsync(TWrite write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(write);
        _pending.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            await WriteBatchAsync().ConfigureAwait(false);
        }

        return await pending.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one batch (the caller holds the writer's turn), then passes the turn on.</summary>
    private async Task WriteBatchAsync()
    {
        var batch = new List<Pending>();
        while (batch.Count < MaxBatch && _pending.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        try
        {
            if (batch.Count > 0)
            {
                var results = await _commit(batch.ConvertAll(p => p.Write), CancellationToken.None).ConfigureAwait(false);
                if (results.Count != batch.Count)
                {
                    throw new InvalidOperationException($"A group commit returned {results.Count} results for {batch.Count} writes.");
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(results[i]);
                }
            }
        }
        catch (Exception e)
        {
            foreach (var p in batch)
            {
                p.Result.TrySetException(e);
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
            if (!_pending.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            {
                // Writes arrived while this batch was written: the next batch goes on the thread pool, so this caller,
                // whose write is done, is not held by others'.
                _ = Task.Run(WriteBatchAsync);
            }
        }
    }

    private sealed class Pending(TWrite write)
    {
        public TWrite Write { get; } = write;

        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
