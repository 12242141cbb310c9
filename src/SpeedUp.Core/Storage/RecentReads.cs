using System.Collections.Concurrent;

namespace SpeedUp.Core.Storage;

/// <summary>
/// Values read from the store, each reused until its own instant instead of reading again: what a caller of the hot path
/// may take as current for a short while (a verified access key, a subscribed customer). A change made through this
/// instance drops its entry (<see cref="Forget"/>) once stored, so this instance's next read sees it; a read that raced
/// with such a change is not kept (<see cref="Generation"/>). Changes made by other instances sharing the store are seen
/// once the entry's instant passes. At most <paramref name="capacity"/> entries are kept; beyond, it starts over.
/// </summary>
/// <typeparam name="TValue">What was read.</typeparam>
internal sealed class RecentReads<TValue>(TimeProvider time, int capacity)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Bumped by every change made through this instance; a read that raced with one is not kept.</summary>
    private long _generation;

    /// <summary>The change count to pass to <see cref="Remember"/>, taken before the store is read.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The value read for <paramref name="key"/>, while its instant has not passed.</summary>
    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && time.GetUtcNow() < entry.Until)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// Keeps what the store has just shown for <paramref name="key"/> until <paramref name="until"/> — unless a change
    /// through this instance happened since <paramref name="generationBeforeRead"/> (what was read may already be stale).
    /// </summary>
    public void Remember(string key, TValue value, DateTimeOffset until, long generationBeforeRead)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(value, until);
        if (Generation != generationBeforeRead)
        {
            _entries.TryRemove(key, out _);
        }
    }

    /// <summary>Drops the entry of a key the store no longer has (no change through this instance).</summary>
    public void Drop(string key) => _entries.TryRemove(key, out _);

    /// <summary>Drops the entry after a change through this instance was stored, and marks racing reads as stale.</summary>
    public void Forget(string key)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(key, out _);
    }

    private sealed record Entry(TValue Value, DateTimeOffset Until);
}
