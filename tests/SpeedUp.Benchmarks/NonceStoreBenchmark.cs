using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SpeedUp.Storage.Sqlite;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "nonces": what remembering a signed call's nonce costs now that it is durable
/// (<see cref="SqliteUsedNonceStore"/>, its own WAL file, synchronous = NORMAL). Records fresh nonces — random, as
/// clients make them — one at a time and with 16 callers at once, then replays every one of them (each must be
/// refused), in a temporary directory; then what the store holds in memory per remembered nonce.
/// Checked: every fresh nonce accepted, every replay refused.
/// </summary>
internal sealed class NonceStoreBenchmark(int iterations)
{
    private static readonly int[] Callers = [1, 16];

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var count = Math.Max(iterations, 1000) * 10;
        Report.Heading($"Scenario nonces: SqliteUsedNonceStore, {count} fresh nonces per phase, then each replayed");
        var directory = Directory.CreateTempSubdirectory("speedup-bench-nonces-").FullName;
        var ok = true;
        try
        {
            foreach (var callers in Callers)
            {
                ok &= await PhaseAsync(directory, callers, count, measureHeap: callers == Callers[0], cancellationToken);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

        return ok;
    }

    /// <summary>
    /// One store, its fresh nonces and their replays by <paramref name="callers"/> at once. What the store holds in memory
    /// is measured in the first phase only (the managed heap before the store and with it, the nonce strings allocated
    /// before): a disposed store of an earlier phase is not reliably collected by then.
    /// </summary>
    private static async Task<bool> PhaseAsync(string directory, int callers, int count, bool measureHeap, CancellationToken cancellationToken)
    {
        var nonces = Enumerable.Range(0, count).Select(_ => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16))).ToArray();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var store = new SqliteUsedNonceStore(
            Options.Create(new SqliteStorageOptions { SqlitePath = Path.Combine(directory, $"callers-{callers}.db") }));
        var fresh = await RecordAsync(store, nonces, $"fresh, {callers} caller(s)", callers, cancellationToken);
        var replayed = await RecordAsync(store, nonces, $"replay, {callers} caller(s)", callers, cancellationToken);
        var heldBytes = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        Report.KeyValue($"accepted fresh / replays ({callers})", $"{fresh} of {count} / {replayed} of {count}");
        Report.KeyValue($"file size after ({callers})", $"{FileSizes(store.FilePath) / 1024.0:0} KiB (database + WAL)");
        if (measureHeap)
        {
            Report.KeyValue(
                "managed heap held per remembered nonce",
                $"{heldBytes / (double)Math.Max(store.HeldInMemory, 1):0} B over {store.HeldInMemory} nonces (the store's index; the nonce strings themselves not counted)");
        }

        return fresh == count && replayed == 0;
    }

    private static async Task<int> RecordAsync(
        SqliteUsedNonceStore store, string[] nonces, string label, int callers, CancellationToken cancellationToken)
    {
        var count = nonces.Length;
        var latencies = new LatencyRecorder();
        var accepted = 0;
        var next = -1;
        var rememberUntil = DateTimeOffset.UtcNow.AddMinutes(10);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var nonce = nonces[i];
                var t = Stopwatch.GetTimestamp();
                var recorded = await store.TryRecordAsync("bench-key", nonce, DateTimeOffset.UtcNow, rememberUntil, cancellationToken);
                latencies.Add(label, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (recorded)
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        }, cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Report.KeyValue($"{label}: records/s", Report.Rate(count, elapsed));
        Report.Table(latencies.Summaries());
        return accepted;
    }

    private static long FileSizes(string path) =>
        new[] { path, path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
}
