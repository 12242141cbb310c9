namespace SpeedUp.Core.Cluster;

/// <summary>How this instance works beside others on one store (section <c>SpeedUp:Cluster</c>).</summary>
public sealed class ClusterOptions
{
    /// <summary>
    /// This instance's name in restore claims and logs. Empty (default): the host name, the process id and a random
    /// suffix, new at every start (a restarted instance does not resume a dead one's claims: the lease does).
    /// </summary>
    public string InstanceId { get; set; } = "";

    /// <summary>
    /// How long a restore claim keeps other instances off a due session. A claim of an instance that died is taken
    /// over after this. Default 15 seconds; at least 2 seconds.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most sessions one sweep claims. Default 50.</summary>
    public int ClaimBatch { get; set; } = 50;

    /// <summary>
    /// How many instances share the call rate limits. Each instance enforces its share (limit ÷ this, at least 1 per
    /// second), so behind a balancer that spreads calls evenly the whole deployment admits the configured rate.
    /// Default 1.
    /// </summary>
    public int Instances { get; set; } = 1;
}
