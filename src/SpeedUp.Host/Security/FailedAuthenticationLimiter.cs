using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;

namespace SpeedUp.Host.Security;

/// <summary>
/// A token bucket of failed authentications per client address (<c>SpeedUp:Security:RateLimits:FailedAuthenticationsPerAddress</c>).
/// Each failure takes a token; while an address has none left, its calls are refused before any key is looked up or
/// any secret decrypted, so a flood of bad signatures costs the service little and leaves other callers their share.
/// Successful calls take nothing: a well-behaved client is never blocked by this.
/// </summary>
internal sealed class FailedAuthenticationLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public FailedAuthenticationLimiter(IOptions<SecurityOptions> options)
    {
        var bucket = options.Value.RateLimits.FailedAuthenticationsPerAddress;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => CallRateLimiter.Bucket(bucket)));
    }

    /// <summary>Whether the address has used up its failures for now.</summary>
    public bool IsBlocked(string address) => _limiter.GetStatistics(address) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Counts one failed authentication of the address.</summary>
    public void RecordFailure(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
    }

    public void Dispose() => _limiter.Dispose();
}
