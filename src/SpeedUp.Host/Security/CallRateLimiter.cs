using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;
using SpeedUp.Core.Cluster;

namespace SpeedUp.Host.Security;

/// <summary>
/// Token buckets per access key and per customer (<c>SpeedUp:Security:RateLimits</c>), partitioned so one caller's
/// burst only ever spends its own tokens: other keys and customers are never starved. No queueing: over the limit
/// is refused at once. Buckets refill on the service's <see cref="TimeProvider"/> (<see cref="TokenBuckets"/>).
/// Limits are divided among the instances of a deployment (<see cref="ClusterOptions.Instances"/>): each enforces its
/// share locally, with no call to the store per request.
/// </summary>
internal sealed class CallRateLimiter
{
    /// <summary>How often a key's refusals are reported at most.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    private readonly TokenBuckets _perKey;
    private readonly TokenBuckets _perCustomer;
    /// <summary>Reports older than <see cref="ReportEvery"/> are forgotten once every this many refusals.</summary>
    private const int ForgetEvery = 1024;

    private readonly ConcurrentDictionary<string, long> _reportedAt = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _refusals;

    public CallRateLimiter(IOptions<SecurityOptions> options, IOptions<ClusterOptions> cluster, TimeProvider time)
    {
        _time = time;
        var limits = options.Value.RateLimits;
        var instances = cluster.Value.Instances;
        _perKey = new TokenBuckets(limits.PerKey.ShareOf(instances), time);
        _perCustomer = new TokenBuckets(limits.PerCustomer.ShareOf(instances), time);
    }

    /// <summary>
    /// Takes one permit for the call; false when the key or its customer is over its limit. The key's bucket is asked
    /// first; a permit it gave is spent even when the customer's bucket then refuses.
    /// </summary>
    public bool TryAcquire(string accessKeyId, string? customerId) =>
        _perKey.TryTake(accessKeyId) && (customerId is null || _perCustomer.TryTake(customerId));

    /// <summary>
    /// Whether a refusal of <paramref name="accessKeyId"/> should be logged: the first, then at most one per
    /// <see cref="ReportEvery"/>, so a caller hammering its limit shows in the log without flooding it.
    /// </summary>
    public bool ShouldReport(string accessKeyId)
    {
        var now = _time.GetTimestamp();
        ForgetOldReports(now);
        while (true)
        {
            if (!_reportedAt.TryGetValue(accessKeyId, out var last))
            {
                if (_reportedAt.TryAdd(accessKeyId, now))
                {
                    return true;
                }

                continue;
            }

            if (_time.GetElapsedTime(last, now) < ReportEvery)
            {
                return false;
            }

            if (_reportedAt.TryUpdate(accessKeyId, now, last))
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Drops the report times that no longer hold a refusal back (older than <see cref="ReportEvery"/>), so keys that
    /// stopped calling, or were deleted, leave nothing behind: the table holds only keys reported in the last period.
    /// </summary>
    private void ForgetOldReports(long now)
    {
        if (Interlocked.Increment(ref _refusals) % ForgetEvery != 0)
        {
            return;
        }

        foreach (var (key, last) in _reportedAt)
        {
            if (_time.GetElapsedTime(last, now) >= ReportEvery)
            {
                _reportedAt.TryRemove(KeyValuePair.Create(key, last));
            }
        }
    }
}
