namespace SpeedUp.Protocols.Cli;

/// <summary>Settings of one <see cref="CliChannel"/>.</summary>
public sealed class CliChannelOptions
{
    /// <summary>
    /// How long one command (or the first prompt after opening) may take until the prompt is seen.
    /// Default 10 s. The caller's cancellation token still applies.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of command timeouts and of <see cref="PromptMismatchAfter"/>. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How long the device's output may stall on a line that looks like a prompt (its last non-blank character is one
    /// of <c>&gt; # ] $ % :</c> or <c>)</c>) but matches neither the dialect's <see cref="CliDialect.PromptPattern"/> nor
    /// its <see cref="CliDialect.PagerPattern"/> before the wait fails at once with <see cref="CliFailure.ProtocolError"/>
    /// (a message starting <c>prompt not matched:</c>) instead of running into <see cref="CommandTimeout"/>. Only a
    /// stalled, non-empty, unterminated last line counts: output still arriving, or ending with a line break and then
    /// pausing (a slow answer), waits for the timeout as before. Default 2 s; <see cref="TimeSpan.Zero"/> disables the
    /// check; at least zero.
    /// </summary>
    public TimeSpan PromptMismatchAfter { get; set; } = DefaultPromptMismatchAfter;

    /// <summary>Default of <see cref="PromptMismatchAfter"/>: 2 s.</summary>
    public static readonly TimeSpan DefaultPromptMismatchAfter = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Most characters of one command's output (completed lines) kept before the command fails as runaway
    /// (<see cref="CliFailure.ProtocolError"/>) and the session is closed. Default 1,048,576; at least 1.
    /// </summary>
    public int MaxOutputChars { get; set; } = DefaultMaxOutputChars;

    /// <summary>
    /// Most characters of one line (the screen's width): output without a line end past it, or an escape sequence
    /// moving the cursor past it, fails the command as runaway (<see cref="CliFailure.ProtocolError"/>) and closes the
    /// session. Default 65,536; at least 80.
    /// </summary>
    public int MaxLineChars { get; set; } = DefaultMaxLineChars;

    /// <summary>Default of <see cref="MaxOutputChars"/>.</summary>
    public const int DefaultMaxOutputChars = 1_048_576;

    /// <summary>Default of <see cref="MaxLineChars"/>.</summary>
    public const int DefaultMaxLineChars = 65_536;

    /// <summary>
    /// Where the session's transcript (each command and its output) goes; none when null (default). Entries are
    /// masked: <see cref="MaskedValues"/> and the dialect's <see cref="CliDialect.SecretPatterns"/> become <c>******</c>.
    /// </summary>
    public ICliTranscriptSink? Transcript { get; set; }

    /// <summary>Literal values never shown in a transcript, e.g. the login password. Default: none.</summary>
    public IReadOnlyList<string> MaskedValues { get; set; } = [];

    /// <summary>
    /// How much of each command its trace span records: <see cref="CliCommandTracing.Verb"/> (default, the first word)
    /// or <see cref="CliCommandTracing.Redacted"/> (the whole command, secrets masked; holds account names).
    /// </summary>
    public CliCommandTracing CommandTracing { get; set; } = CliCommandTracing.Verb;
}
