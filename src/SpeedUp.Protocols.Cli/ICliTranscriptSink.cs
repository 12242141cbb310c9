namespace SpeedUp.Protocols.Cli;

/// <summary>
/// Receives the transcript of CLI sessions: every command and its output, secrets already masked (the values in
/// <see cref="CliChannelOptions.MaskedValues"/> and whatever <see cref="CliDialect.SecretPatterns"/> match).
/// Called from the session's command path: keep it fast and thread-safe (several sessions write at once).
/// </summary>
public interface ICliTranscriptSink
{
    /// <summary>Records one entry.</summary>
    void Write(CliTranscriptEntry entry);
}
