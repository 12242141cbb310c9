namespace SpeedUp.Storage.Sqlite;

/// <summary>
/// The used nonces that are still remembered, in memory: each (key, nonce) with its remember-until (Unix ms). Whether a
/// nonce is free is judged at the caller's instant; entries whose remember-until that instant has reached are dropped
/// as calls pass, oldest recorded first. Thread-safe.
/// </summary>
internal sealed class UsedNonceIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Key, string Nonce), long> _until = [];
    private readonly Queue<Entry> _recorded = new();

    /// <summary>How many uses are held (remembered ones, and forgotten ones not dropped yet).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _until.Count;
            }
        }
    }

    /// <summary>
    /// Takes the nonce for the key at instant <paramref name="now"/>, remembered until <paramref name="until"/>; false
    /// when an earlier use is still remembered at <paramref name="now"/> (its remember-until is later).
    /// </summary>
    public bool TryTake(string key, string nonce, long now, long until)
    {
        lock (_lock)
        {
            DropForgotten(now);
            if (_until.TryGetValue((key, nonce), out var held) && held > now)
            {
                return false;
            }

            _until[(key, nonce)] = until;
            _recorded.Enqueue(new Entry(key, nonce, until));
            return true;
        }
    }

    /// <summary>Gives back a use taken by <see cref="TryTake"/> whose record was not stored.</summary>
    public void GiveBack(string key, string nonce, long until)
    {
        lock (_lock)
        {
            if (_until.TryGetValue((key, nonce), out var held) && held == until)
            {
                _until.Remove((key, nonce));
            }
        }
    }

    /// <summary>Adds a use read back from the store (at open); of two uses of one nonce the later remember-until counts.</summary>
    public void Load(string key, string nonce, long until)
    {
        lock (_lock)
        {
            if (!_until.TryGetValue((key, nonce), out var held) || held < until)
            {
                _until[(key, nonce)] = until;
            }

            _recorded.Enqueue(new Entry(key, nonce, until));
        }
    }

    /// <summary>Drops the uses recorded first whose remember-until <paramref name="now"/> has reached.</summary>
    private void DropForgotten(long now)
    {
        while (_recorded.TryPeek(out var oldest) && oldest.Until <= now)
        {
            _recorded.Dequeue();
            if (_until.TryGetValue((oldest.Key, oldest.Nonce), out var held) && held == oldest.Until)
            {
                _until.Remove((oldest.Key, oldest.Nonce));
            }
        }
    }

    private readonly record struct Entry(string Key, string Nonce, long Until);
}
