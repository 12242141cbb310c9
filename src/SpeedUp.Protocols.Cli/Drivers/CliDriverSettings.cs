namespace SpeedUp.Protocols.Cli.Drivers;

/// <summary>What a <see cref="CliOperationRunner"/> needs from a CLI driver's options.</summary>
/// <param name="ChannelName">The supply channel, for messages and logs.</param>
/// <param name="Dialect">The device dialect.</param>
/// <param name="OperationTimeout">Time budget of one driver operation, connect included.</param>
/// <param name="MaxSessions">Sessions kept to the device (clamped to 1..16).</param>
/// <param name="KeepAliveInterval">Idle sessions are probed this often.</param>
/// <param name="IdleTimeout">Sessions unused this long are closed.</param>
/// <param name="Transcript">Where session transcripts go, or null.</param>
/// <param name="MaskedValues">Values masked in transcripts (the login password).</param>
public sealed record CliDriverSettings(
    string ChannelName,
    CliDialect Dialect,
    TimeSpan OperationTimeout,
    int MaxSessions,
    TimeSpan KeepAliveInterval,
    TimeSpan IdleTimeout,
    ICliTranscriptSink? Transcript,
    IReadOnlyList<string> MaskedValues);
