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

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "SSH host key of {Host}:{Port} refused: {Reason}")]
    public static partial void HostKeyRefused(ILogger logger, string host, int port, string reason);
}
