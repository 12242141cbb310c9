namespace SpeedUp.Drivers;

/// <summary>
/// One supply channel: a piece of equipment (or supplier) that can change the rates of one carrier's
/// lines in some provinces, reached through one driver. Bound from configuration <c>SpeedUp:Channels:N</c>.
/// </summary>
public sealed class SupplyChannelOptions
{
    /// <summary>Unique name of the channel, e.g. <c>ct-west-ssh</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The carrier whose lines this channel reaches.</summary>
    public Carrier Carrier { get; set; }

    /// <summary>Provinces (English names as in the product catalogue, e.g. <c>Zhejiang</c>) this channel serves.</summary>
    public IList<string> Provinces { get; } = new List<string>();

    /// <summary>The driver (dialect) name, e.g. <c>huawei-cli-ssh</c> or <c>zte-snmp</c>.</summary>
    public string Driver { get; set; } = "";

    /// <summary>Equipment address. Default 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Equipment port (SSH TCP port or SNMP UDP port).</summary>
    public int Port { get; set; }

    /// <summary>Login user name (SSH).</summary>
    public string? Username { get; set; }

    /// <summary>Name of the environment variable holding the secret (SSH password or SNMP community).
    /// Preferred over <see cref="Secret"/>, which is for local simulators only. Resolved by the <see cref="ISecretResolver"/>.</summary>
    public string? SecretEnvironmentVariable { get; set; }

    /// <summary>The secret itself (SSH password or SNMP community). Never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>Path of an OpenSSH private key for SSH public-key authentication (tried before the password). Null = none.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>Name of the environment variable holding the private key's passphrase, if it has one. Never logged.</summary>
    public string? PrivateKeyPassphraseEnvironmentVariable { get; set; }

    /// <summary>Pinned SSH host key, as OpenSSH prints it: <c>SHA256:base64</c>. Required for SSH channels.</summary>
    public string? HostKeySha256 { get; set; }

    /// <summary>Prompt patterns of this device replacing its CLI dialect's (CLI drivers only).</summary>
    public ChannelPromptOverrides Prompts { get; } = new();

    /// <summary>SNMP settings (version, SNMPv3 user and its secrets); ignored by non-SNMP drivers.</summary>
    public SnmpChannelOptions Snmp { get; } = new();

    /// <summary>Timeout of one device operation. Default 10 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most sessions a session-oriented driver (SSH CLI) keeps open to the equipment at once; reads may run
    /// concurrently on different sessions, a rate change keeps one session for its whole sequence. Keep it below
    /// the equipment's VTY limit. Default 2; allowed 1..16. Ignored by drivers without sessions (SNMP).
    /// </summary>
    public int MaxSessions { get; set; } = 2;

    /// <summary>
    /// The speed-up tiers this channel can apply, as <c>Direction:Mbps</c> (e.g. <c>Down:200</c>, <c>Up:50</c>).
    /// Empty (the default) = every tier of the catalogue in its provinces. Reads (pre-check, restore) are not limited by tier.
    /// </summary>
    public IList<string> Tiers { get; } = new List<string>();

    /// <summary>How much the channel may carry at once (scheduling; drivers ignore it).</summary>
    public ChannelCapacityOptions Capacity { get; } = new();

    /// <summary>Preference: lower is chosen first among healthy channels with free capacity. Default 100.</summary>
    public int Priority { get; set; } = 100;

    /// <summary>Share among channels of equal priority and cost: the channel with the highest weight × free share wins. Default 100.</summary>
    public int Weight { get; set; } = 100;

    /// <summary>What one speed-up hour costs through this channel (any unit, compared between channels). Default 0.</summary>
    public decimal Cost { get; set; }

    /// <summary>Timeouts, retries and circuit breaking of this channel's calls (scheduling; drivers ignore it).</summary>
    public ChannelResilienceOptions Resilience { get; } = new();
}
