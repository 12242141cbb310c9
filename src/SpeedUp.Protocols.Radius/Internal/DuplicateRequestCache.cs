using System.Net;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>What a server knows of a request it may have seen (RFC 5080 §2.2.2).</summary>
internal enum DuplicateState
{
    /// <summary>Not seen within the window: act on it.</summary>
    New,

    /// <summary>Seen, still being handled: drop the copy.</summary>
    InProgress,

    /// <summary>Seen and answered: send the cached answer again.</summary>
    Answered,
}

/// <summary>A request's identity for duplicate detection.</summary>
internal readonly record struct DuplicateKey(IPEndPoint Source, byte Identifier, UInt128 Authenticator);

/// <summary>
/// Requests seen within a window, with their answers, bounded in size (oldest dropped first). Thread-safe. Time comes
/// from a <see cref="TimeProvider"/>, so tests move a fake clock.
/// </summary>
internal sealed class DuplicateRequestCache(TimeSpan window, int capacity, TimeProvider time)
{
    private readonly Dictionary<DuplicateKey, Entry> _entries = [];
    private readonly Queue<(DuplicateKey Key, long Since)> _order = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> was seen within the window.</summary>
    public bool Contains(DuplicateKey key)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            Expire(now);
            return _entries.ContainsKey(key);
        }
    }

    /// <summary>Looks <paramref name="key"/> up, and remembers it as in progress when it is new.</summary>
    public DuplicateState Begin(DuplicateKey key, out byte[]? answer)
    {
        answer = null;
        var now = time.GetTimestamp();
        lock (_gate)
        {
            Expire(now);
            if (_entries.TryGetValue(key, out var entry))
            {
                answer = entry.Answer;
                return answer is null ? DuplicateState.InProgress : DuplicateState.Answered;
            }

            while (_entries.Count >= capacity && _order.TryDequeue(out var oldest))
            {
                Remove(oldest.Key, oldest.Since);
            }

            _entries[key] = new Entry(now, null);
            _order.Enqueue((key, now));
            return DuplicateState.New;
        }
    }

    /// <summary>Stores the answer sent for <paramref name="key"/>.</summary>
    public void Complete(DuplicateKey key, byte[] answer)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                _entries[key] = entry with { Answer = answer };
            }
        }
    }

    /// <summary>Forgets <paramref name="key"/> (no answer was sent; a retransmission is handled afresh).</summary>
    public void Forget(DuplicateKey key)
    {
        lock (_gate)
        {
            _entries.Remove(key);
        }
    }

    private void Expire(long now)
    {
        while (_order.TryPeek(out var head) && time.GetElapsedTime(head.Since, now) >= window)
        {
            _order.Dequeue();
            Remove(head.Key, head.Since);
        }
    }

    private void Remove(DuplicateKey key, long since)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Since == since)
        {
            _entries.Remove(key);
        }
    }

    private readonly record struct Entry(long Since, byte[]? Answer);
}
