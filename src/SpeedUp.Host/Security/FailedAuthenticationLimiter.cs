using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;
using SpeedUp.Core.Cluster;

namespace SpeedUp.Host.Security;

/// <summary>
/// A token bucket of failed authentications per client address (<c>SpeedUp:Security:RateLimits:FailedAuthenticationsPerAddress</c>).
/// Each failure takes a token; while an address has none left, its calls are refused before any key is looked up or
/// any secret decrypted, so a flood of bad signatures costs the service little and leaves other callers their share.
/// Successful calls take nothing: a well-behaved client is never blocked by this. Buckets refill on the service's
/// <see cref="TimeProvider"/> (<see cref="TokenBuckets"/>); like the call limits, divided among the instances.
/// </summary>
internal sealed class FailedAuthenticationLimiter(IOptions<SecurityOptions> options, IOptions<ClusterOptions> cluster, TimeProvider time)
{
    private readonly TokenBuckets _buckets = new(options.Value.RateLimits.FailedAuthenticationsPerAddress.ShareOf(cluster.Value.Instances), time);

    /// <summary>Whether the address has used up its failures for now.</summary>
    public bool IsBlocked(string address) => _buckets.IsEmpty(address);

    /// <summary>Counts one failed authentication of the address.</summary>
    public void RecordFailure(string address) => _buckets.TryTake(address);
}
