namespace SpeedUp.Drivers;

/// <summary>
/// What a driver is told about the equipment of one supply channel: where it is, how to log in (secrets by reference,
/// resolved through <see cref="ISecretResolver"/>), its prompts or SNMP settings, and how long an operation may take.
/// Bound from the channel's configuration section <c>SpeedUp:Channels:N</c>; the scheduling settings of the same
/// section (carrier, provinces, tiers, capacity, priority, resilience) belong to the scheduler and drivers never see them.
/// </summary>
public class DeviceOptions
{
    /// <summary>Unique name of the supply channel the device serves, e.g. <c>ct-west-ssh</c> (for logs and messages).</summary>
    public string Name { get; set; } = "";

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

    /// <summary>Buffer limits of this device's CLI sessions (CLI drivers only): <c>SpeedUp:Channels:N:Cli</c>.</summary>
    public CliBufferLimits Cli { get; } = new();

    /// <summary>SNMP settings (version, SNMPv3 user and its secrets); ignored by non-SNMP drivers.</summary>
    public SnmpChannelOptions Snmp { get; } = new();

    /// <summary>RADIUS CoA settings (CoA drivers only): <c>SpeedUp:Channels:N:Coa</c>.</summary>
    public CoaChannelOptions Coa { get; } = new();

    /// <summary>Timeout of one device operation. Default 10 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most sessions a session-oriented driver (SSH CLI) keeps open to the equipment at once; reads may run
    /// concurrently on different sessions, a rate change keeps one session for its whole sequence. Keep it below
    /// the equipment's VTY limit. Default 2; allowed 1..16. Ignored by drivers without sessions (SNMP).
    /// </summary>
    public int MaxSessions { get; set; } = 2;

    /// <summary>
    /// Whether the trace spans of this device's protocol exchanges may hold subscriber accounts: a CLI command's whole
    /// text, secrets masked. Default false: a span records a command's first word only. The host sets it for every
    /// channel from <c>SpeedUp:Telemetry:RecordAccounts</c>.
    /// </summary>
    public bool RecordAccountsInTraces { get; set; }
}
