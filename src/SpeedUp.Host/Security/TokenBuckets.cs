using System.Collections.Concurrent;
using SpeedUp.Core.Access;

namespace SpeedUp.Host.Security;

/// <summary>
/// Token buckets by partition key (an access key, a customer, a client address), refilled by
/// <see cref="TokenBucketOptions.PermitsPerSecond"/> once per whole second of the service's <see cref="TimeProvider"/>,
/// holding at most <see cref="TokenBucketOptions.Burst"/>. No queueing: a call without a token is refused at once.
/// Refills are computed when a bucket is used, so the injected clock alone decides them (a fake clock in tests).
/// Full buckets are forgotten from time to time, so partitions of callers long gone do not pile up.
/// </summary>
internal sealed class TokenBuckets
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private const int PruneEvery = 4096;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TokenBucketOptions _options;
    private readonly TimeProvider _time;
    private long _operations;

    public TokenBuckets(TokenBucketOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Takes one token of <paramref name="key"/>'s bucket; false when it has none.</summary>
    public bool TryTake(string key)
    {
        PruneNow();
        var now = _time.GetTimestamp();
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(_options.Burst, now));
        lock (bucket)
        {
            Refill(bucket, now);
            if (bucket.Tokens <= 0)
            {
                return false;
            }

            bucket.Tokens--;
            return true;
        }
    }

    /// <summary>Whether <paramref name="key"/>'s bucket is empty now (a key never seen has a full bucket).</summary>
    public bool IsEmpty(string key)
    {
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            return _options.Burst <= 0;
        }

        lock (bucket)
        {
            Refill(bucket, _time.GetTimestamp());
            return bucket.Tokens <= 0;
        }
    }

    private void Refill(Bucket bucket, long now)
    {
        var periods = (long)(_time.GetElapsedTime(bucket.RefilledAt, now) / Period);
        if (periods <= 0)
        {
            return;
        }

        bucket.Tokens = (int)Math.Min(_options.Burst, bucket.Tokens + (periods * _options.PermitsPerSecond));
        // Whole periods only: the part of a period already run counts towards the next refill (none while full).
        bucket.RefilledAt = bucket.Tokens >= _options.Burst ? now : bucket.RefilledAt + (periods * _time.TimestampFrequency); // a period is one second
    }

    private void PruneNow()
    {
        if (Interlocked.Increment(ref _operations) % PruneEvery != 0)
        {
            return;
        }

        var now = _time.GetTimestamp();
        foreach (var (key, bucket) in _buckets)
        {
            lock (bucket)
            {
                Refill(bucket, now);
                if (bucket.Tokens >= _options.Burst)
                {
                    _buckets.TryRemove(KeyValuePair.Create(key, bucket));
                }
            }
        }
    }

    private sealed class Bucket(int tokens, long refilledAt)
    {
        public int Tokens { get; set; } = tokens;

        public long RefilledAt { get; set; } = refilledAt;
    }
}
