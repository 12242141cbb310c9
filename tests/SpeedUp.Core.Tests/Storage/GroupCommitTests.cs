using SpeedUp.Core.Storage;

namespace SpeedUp.Core.Tests;

/// <summary>
/// Group commit: a lone write is committed at once by its caller; writes that arrive while a batch is being committed
/// share the next commit; each caller gets its own result only after its batch committed.
/// </summary>
public sealed class GroupCommitTests
{
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_Alone_CommitsABatchOfOne_BeforeReturning()
    {
        var writer = new RecordingWriter();
        var group = new GroupCommit<int, string>(writer.CommitAsync);

        var result = group.WriteAsync(7, Ct);

        Assert.True(result.IsCompletedSuccessfully); // the caller committed it itself: no hand-off, no waiting
        Assert.Equal("7", await result);
        Assert.Equal([[7]], writer.Batches);
    }

    [Fact]
    public async Task WriteAsync_WritesArrivingDuringACommit_ShareTheNextOne_EachWithItsOwnResult()
    {
        var writer = new RecordingWriter { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var group = new GroupCommit<int, string>(writer.CommitAsync);

        var first = group.WriteAsync(1, Ct);
        var waiting = Enumerable.Range(2, 5).Select(i => group.WriteAsync(i, Ct)).ToArray();
        Assert.All(waiting, w => Assert.False(w.IsCompleted)); // not before their commit

        writer.Hold.SetResult();

        Assert.Equal("1", await first);
        Assert.Equal(["2", "3", "4", "5", "6"], await Task.WhenAll(waiting));
        Assert.Equal([[1], [2, 3, 4, 5, 6]], writer.Batches);
    }

    [Fact]
    public async Task WriteAsync_MoreWaitingThanMaxBatch_CommitsThemInBatchesOfAtMostMaxBatch()
    {
        var writer = new RecordingWriter { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var group = new GroupCommit<int, string>(writer.CommitAsync, maxBatch: 4);

        var first = group.WriteAsync(0, Ct);
        var waiting = Enumerable.Range(1, 10).Select(i => group.WriteAsync(i, Ct)).ToArray();
        writer.Hold.SetResult();
        await first;
        await Task.WhenAll(waiting);

        Assert.Equal([1, 4, 4, 2], writer.Batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 11), writer.Batches.SelectMany(b => b));
    }

    [Fact]
    public async Task WriteAsync_ACommitFails_FailsEveryWriteOfItsBatch_AndTheNextBatchStillCommits()
    {
        var writer = new RecordingWriter { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), FailBatchHolding = 2 };
        var group = new GroupCommit<int, string>(writer.CommitAsync);

        var first = group.WriteAsync(1, Ct);
        var failing = new[] { group.WriteAsync(2, Ct), group.WriteAsync(3, Ct) };
        writer.Hold.SetResult();
        await first;

        foreach (var write in failing)
        {
            Assert.Equal("disk full", (await Assert.ThrowsAsync<IOException>(() => write)).Message);
        }

        Assert.Equal("4", await group.WriteAsync(4, Ct));
    }

    [Fact]
    public async Task WriteAsync_CallerCancelsWhileWaiting_StopsWaiting_ButTheWriteIsStillCommitted()
    {
        var writer = new RecordingWriter { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var group = new GroupCommit<int, string>(writer.CommitAsync);
        using var cancel = new CancellationTokenSource();

        var first = group.WriteAsync(1, Ct);
        var cancelled = group.WriteAsync(2, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        writer.Hold.SetResult();
        await first;
        Assert.Equal("3", await group.WriteAsync(3, Ct));
        Assert.Contains(2, writer.Batches.SelectMany(b => b));
    }

    /// <summary>Records each batch; the first commit waits for <see cref="Hold"/> when set.</summary>
    private sealed class RecordingWriter
    {
        private readonly Lock _gate = new();
        private readonly List<List<int>> _batches = [];

        public TaskCompletionSource? Hold { get; init; }

        /// <summary>A batch containing this write fails.</summary>
        public int? FailBatchHolding { get; init; }

        public IReadOnlyList<List<int>> Batches
        {
            get
            {
                lock (_gate)
                {
                    return [.. _batches];
                }
            }
        }

        public async Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<int> writes, CancellationToken cancellationToken)
        {
            bool first;
            lock (_gate)
            {
                first = _batches.Count == 0;
                _batches.Add([.. writes]);
            }

            if (first && Hold is not null)
            {
                await Hold.Task;
            }

            if (FailBatchHolding is { } failing && writes.Contains(failing))
            {
                throw new IOException("disk full");
            }

            return writes.Select(w => w.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
    }
}
