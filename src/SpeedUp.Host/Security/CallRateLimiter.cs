using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;

namespace SpeedUp.Host.Security;

/// <summary>
/// Token buckets per access key and per customer (<c>SpeedUp:Security:RateLimits</c>), partitioned so one caller's
/// burst only ever spends its own tokens: other keys and customers are never starved. No queueing: over the limit
/// is refused at once.
/// </summary>
internal sealed class CallRateLimiter : IDisposable
{
    /// <summary>How often a key's refusals are reported at most.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    private readonly PartitionedRateLimiter<Caller> _limiter;
    private readonly ConcurrentDictionary<string, long> _reportedAt = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public CallRateLimiter(IOptions<SecurityOptions> options, TimeProvider time)
    {
        _time = time;
        var limits = options.Value.RateLimits;
        var perKey = PartitionedRateLimiter.Create<Caller, string>(caller =>
            RateLimitPartition.GetTokenBucketLimiter(caller.AccessKeyId, _ => Bucket(limits.PerKey)));
        var perCustomer = PartitionedRateLimiter.Create<Caller, string>(caller => caller.CustomerId is { } customer
            ? RateLimitPartition.GetTokenBucketLimiter(customer, _ => Bucket(limits.PerCustomer))
            : RateLimitPartition.GetNoLimiter(""));
        _limiter = PartitionedRateLimiter.CreateChained(perKey, perCustomer);
    }

    /// <summary>Takes one permit for the call; false when the key or its customer is over its limit.</summary>
    public bool TryAcquire(string accessKeyId, string? customerId)
    {
        using var lease = _limiter.AttemptAcquire(new Caller(accessKeyId, customerId));
        return lease.IsAcquired;
    }

    /// <summary>
    /// Whether a refusal of <paramref name="accessKeyId"/> should be logged: the first, then at most one per
    /// <see cref="ReportEvery"/>, so a caller hammering its limit shows in the log without flooding it.
    /// </summary>
    public bool ShouldReport(string accessKeyId)
    {
        var now = _time.GetTimestamp();
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

    public void Dispose() => _limiter.Dispose();

    /// <summary>A configured bucket as System.Threading.RateLimiting takes it: refilled every second, never queueing.</summary>
    internal static TokenBucketRateLimiterOptions Bucket(TokenBucketOptions bucket) => new()
    {
        TokenLimit = bucket.Burst,
        TokensPerPeriod = bucket.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private readonly record struct Caller(string AccessKeyId, string? CustomerId);
}
