namespace SpeedUp.Core.Access;

/// <summary>Signed calls, access keys and rate limits (section <c>SpeedUp:Security</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>File holding the base64 master key that encrypts access-key secrets at rest; created when absent.</summary>
    public string MasterKeyPath { get; set; } = ".data/master.key";

    /// <summary>Name of an environment variable holding the base64 master key instead of the file (production).</summary>
    public string? MasterKeyEnvironmentVariable { get; set; }

    /// <summary>How far a call's timestamp may be from the service's clock, either way.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How much longer than the last instant a call could pass the timestamp check (its signed time plus
    /// <see cref="ClockSkew"/>) its nonce is remembered: covers the time between the check and the record, and clock
    /// differences between instances sharing the nonce store.
    /// </summary>
    public TimeSpan NonceRetentionMargin { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Until when a nonce of a call signed at <paramref name="signedAt"/> must be remembered.</summary>
    public DateTimeOffset RememberNonceUntil(DateTimeOffset signedAt) => signedAt + ClockSkew + NonceRetentionMargin;

    /// <summary>Keys provisioned at start-up from configuration (their secrets from the environment).</summary>
    public List<BootstrapKeyOptions> BootstrapKeys { get; set; } = [];

    /// <summary>Calls per access key and per customer.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();
}

/// <summary>
/// A key provisioned from configuration: created at start-up when absent and never deleted; an existing key is left as
/// the admin API made it, unless <see cref="Recover"/> is set.
/// </summary>
public sealed class BootstrapKeyOptions
{
    /// <summary>The AccessKeyId.</summary>
    public string Id { get; set; } = "";

    /// <summary>Environment variable holding the AccessKeySecret; when it is unset the key is not provisioned.</summary>
    public string SecretEnvironmentVariable { get; set; } = "";

    /// <summary>Customer the key acts for; empty for an operator key.</summary>
    public string? CustomerId { get; set; }

    /// <summary>Actions it may call (<c>SpeedUpService/Precheck</c>, <c>SpeedUpService/*</c>, <c>*</c>).</summary>
    public List<string> Actions { get; set; } = [];

    /// <summary>What the key is for.</summary>
    public string Description { get; set; } = "";

    /// <summary>
    /// Recovery only: at start-up, re-create the key from this definition (enabled, the environment's secret), undoing
    /// a disable, a rotation or a delete. Logged at warning and audited as <c>recover</c>; remove it once recovered.
    /// </summary>
    public bool Recover { get; set; }
}

/// <summary>Token buckets per access key and per customer.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Each access key.</summary>
    public TokenBucketOptions PerKey { get; set; } = new() { PermitsPerSecond = 50, Burst = 100 };

    /// <summary>Each customer, over all its keys.</summary>
    public TokenBucketOptions PerCustomer { get; set; } = new() { PermitsPerSecond = 100, Burst = 200 };

    /// <summary>
    /// Failed authentications of each client address: once its bucket is empty, every call from that address is
    /// refused before any key is looked up, until the bucket refills. Successful calls take nothing from it.
    /// </summary>
    public TokenBucketOptions FailedAuthenticationsPerAddress { get; set; } = new() { PermitsPerSecond = 10, Burst = 100 };
}

/// <summary>A token bucket: <see cref="Burst"/> calls at once, refilled at <see cref="PermitsPerSecond"/>.</summary>
public sealed class TokenBucketOptions
{
    /// <summary>Sustained calls per second (1..1,000,000).</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Calls that may come at once (≥ 1).</summary>
    public int Burst { get; set; }

    /// <summary>
    /// One instance's share when <paramref name="instances"/> instances enforce this limit together (rounded up, at
    /// least 1): behind a balancer that spreads calls evenly, the deployment admits about the configured rate.
    /// </summary>
    public TokenBucketOptions ShareOf(int instances) => instances <= 1
        ? this
        : new TokenBucketOptions
        {
            PermitsPerSecond = Math.Max(1, (PermitsPerSecond + instances - 1) / instances),
            Burst = Math.Max(1, (Burst + instances - 1) / instances),
        };
}
