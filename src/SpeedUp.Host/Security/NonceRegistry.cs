using System.Collections.Concurrent;

namespace SpeedUp.Host.Security;

/// <summary>
/// Remembers each (AccessKeyId, nonce) of a verified call until its timestamp leaves the clock-skew window, so a
/// replayed call is refused. In memory: one instance's view (README, "Security" says what that means for several).
/// </summary>
internal sealed class NonceRegistry(TimeProvider time)
{
    private const int SweepEvery = 4096;
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private int _sinceSweep;

    /// <summary>Records the nonce; false when it was already used by this key within its window.</summary>
    public bool TryUse(string accessKeyId, string nonce, DateTimeOffset rememberUntil)
    {
        if (Interlocked.Increment(ref _sinceSweep) >= SweepEvery)
        {
            Interlocked.Exchange(ref _sinceSweep, 0);
            Sweep();
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var until = rememberUntil.ToUnixTimeMilliseconds();
        var entry = accessKeyId + "\n" + nonce;
        while (true)
        {
            if (_seen.TryAdd(entry, until))
            {
                return true;
            }

            if (_seen.TryGetValue(entry, out var existing) && existing > now)
            {
                return false;
            }

            // Expired entry not swept yet: replace it (another thread may win; then loop and see theirs).
            if (_seen.TryUpdate(entry, until, existing))
            {
                return true;
            }
        }
    }

    /// <summary>How many nonces are remembered (for tests and diagnostics).</summary>
    public int Count => _seen.Count;

    private void Sweep()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (entry, until) in _seen)
        {
            if (until <= now)
            {
                _seen.TryRemove(new KeyValuePair<string, long>(entry, until));
            }
        }
    }
}
