using Microsoft.Extensions.Logging;

namespace SpeedUp.Protocols.Cli.Internal;

/// <summary>Source-generated log messages of the CLI stack. Never log secrets here.</summary>
internal static partial class CliLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "CLI session opened ({Dialect}) with prompt {Prompt} in {ElapsedMs} ms")]
    public static partial void SessionOpened(ILogger logger, string dialect, string prompt, double elapsedMs);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "CLI command {Command} answered in {ElapsedMs} ms (failed: {Failed}, prompt {Prompt})")]
    public static partial void CommandCompleted(ILogger logger, string command, double elapsedMs, bool failed, string prompt);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "CLI pager line answered during {Command}")]
    public static partial void PagerAnswered(ILogger logger, string command);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "CLI command {Command} failed: {Reason}; the session is closed")]
    public static partial void CommandAborted(ILogger logger, string command, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "CLI on-open command {Command} was refused by the device: {ErrorLine}")]
    public static partial void OnOpenCommandFailed(ILogger logger, string command, string errorLine);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Debug, Message = "SSH connected to {Host}:{Port} in {ElapsedMs} ms")]
    public static partial void SshConnected(ILogger logger, string host, int port, double elapsedMs);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Error, Message = "ALERT: SSH host key of {Host}:{Port} refused (possible man-in-the-middle or re-keyed device): {Reason}")]
    public static partial void HostKeyRefused(ILogger logger, string host, int port, string reason);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "SSH session to {Host}:{Port} closed: the device sent more than {Limit} bytes no command read")]
    public static partial void InboundOverflow(ILogger logger, string host, int port, long limit);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Trace, Message = "CLI transcript {Session}: {Command} -> {Prompt} in {ElapsedMs} ms\n{Output}")]
    public static partial void Transcript(ILogger logger, string session, string command, string prompt, double elapsedMs, string output);

    [LoggerMessage(EventId = 1130, Level = LogLevel.Debug, Message = "CLI pool {Dialect}: session opened ({Open} open, {Leased} leased)")]
    public static partial void PoolSessionOpened(ILogger logger, string dialect, int open, int leased);

    [LoggerMessage(EventId = 1131, Level = LogLevel.Debug, Message = "CLI pool {Dialect}: session closed ({Reason})")]
    public static partial void PoolSessionClosed(ILogger logger, string dialect, string reason);

    [LoggerMessage(EventId = 1132, Level = LogLevel.Warning, Message = "CLI pool {Dialect}: session lost ({Failure}); retrying the idempotent operation once on a fresh session")]
    public static partial void PoolRetrying(ILogger logger, string dialect, CliFailure failure);

    [LoggerMessage(EventId = 1133, Level = LogLevel.Warning, Message = "CLI pool {Dialect}: drain timed out with {Leased} sessions still leased; closing them")]
    public static partial void PoolDrainTimedOut(ILogger logger, string dialect, int leased);
}
