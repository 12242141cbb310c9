namespace SpeedUp.Protocols.Cli;

/// <summary>How much of a command's text its <c>cli.command</c> span records (<see cref="CliTracing"/>).</summary>
public enum CliCommandTracing
{
    /// <summary>The first word only (<c>cli.command.verb</c>): no argument (account, address, secret) ever reaches a span. The default.</summary>
    Verb = 0,

    /// <summary>
    /// Also the whole command (<c>cli.command</c>) with secrets masked as in transcripts (<see cref="CliChannelOptions.MaskedValues"/>
    /// and the dialect's <see cref="CliDialect.SecretPatterns"/>). It holds the subscriber's account: opt in deliberately.
    /// </summary>
    Redacted = 1,
}
