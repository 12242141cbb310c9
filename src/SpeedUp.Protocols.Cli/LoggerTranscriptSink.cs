using Microsoft.Extensions.Logging;
using SpeedUp.Protocols.Cli.Internal;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// Writes the transcript to a logger at Trace level (category of the caller's choice, by convention
/// <see cref="Category"/>); nothing is formatted when Trace is off. Entries arrive masked.
/// </summary>
public sealed class LoggerTranscriptSink : ICliTranscriptSink
{
    /// <summary>The conventional logger category of CLI transcripts.</summary>
    public const string Category = "SpeedUp.Protocols.Cli.Transcript";

    private readonly ILogger _logger;

    /// <summary>Creates the sink.</summary>
    public LoggerTranscriptSink(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <summary>Whether entries are written at all (Trace enabled).</summary>
    public bool IsEnabled => _logger.IsEnabled(LogLevel.Trace);

    /// <inheritdoc/>
    public void Write(CliTranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        CliLog.Transcript(_logger, entry.Session, entry.Command, entry.Prompt, entry.Elapsed.TotalMilliseconds, entry.Output);
    }
}
