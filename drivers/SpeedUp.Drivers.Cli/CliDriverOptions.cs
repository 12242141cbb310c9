namespace SpeedUp.Drivers.Cli;

/// <summary>Settings of one SSH CLI driver (one device); each dialect's options only choose the default dialect.</summary>
public abstract class CliDriverOptions
{
    /// <summary>Creates the settings with <paramref name="defaultDialect"/>.</summary>
    protected CliDriverOptions(CliDialect defaultDialect) => Dialect = defaultDialect;

    /// <summary>The supply channel the driver serves (for logs and messages).</summary>
    public string ChannelName { get; set; } = "";

    /// <summary>
    /// Time budget of one driver operation (waiting for a session and connecting included), spread over its
    /// commands. Default 10 s.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most CLI sessions open to the device at once (1..16). Default 2.</summary>
    public int MaxSessions { get; set; } = 2;

    /// <summary>Idle sessions are probed with an empty line after this long; zero disables. Default 30 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Idle sessions are closed after this long; zero keeps them. Default 5 min.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where session transcripts go (masked); none when null. Default null.</summary>
    public ICliTranscriptSink? Transcript { get; set; }

    /// <summary>Literal values masked in transcripts and logs, e.g. the login password. Default none.</summary>
    public IReadOnlyList<string> MaskedValues { get; set; } = [];

    /// <summary>
    /// How much of each command its trace span records: the first word (default) or, when the channel allows accounts
    /// in traces (<see cref="DeviceOptions.RecordAccountsInTraces"/>), the whole command with secrets masked.
    /// </summary>
    public CliCommandTracing CommandTracing { get; set; } = CliCommandTracing.Verb;

    /// <summary>Most characters of one command's output before it fails and its session is discarded. Default 1,048,576.</summary>
    public int MaxOutputChars { get; set; } = CliChannelOptions.DefaultMaxOutputChars;

    /// <summary>Most characters of one output line before the command fails and its session is discarded. Default 65,536.</summary>
    public int MaxLineChars { get; set; } = CliChannelOptions.DefaultMaxLineChars;

    /// <summary>
    /// How long output may stall on a prompt-like line no prompt of the dialect matches before the command fails
    /// (<c>prompt not matched:</c>, a protocol error) instead of timing out. Default 2 s; zero disables the check.
    /// </summary>
    public TimeSpan PromptMismatchAfter { get; set; } = CliChannelOptions.DefaultPromptMismatchAfter;

    /// <summary>The device dialect (prompts, paging, failure indicators).</summary>
    public CliDialect Dialect { get; set; }
}
