using SpeedUp.Protocols.Cli.Internal;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// Replaces secrets in CLI text with <c>******</c>: the literal values given (the channel's password or community)
/// and whatever the dialect's <see cref="CliDialect.SecretPatterns"/> match (their <c>secret</c> group, else the whole
/// match) — the same masking as session transcripts.
/// </summary>
public sealed class CliSecretRedactor
{
    /// <summary>What a secret becomes.</summary>
    public const string Mask = TranscriptWriter.Mask;

    private readonly TranscriptWriter _writer;

    /// <summary>Creates a redactor for <paramref name="dialect"/> and the literal <paramref name="secrets"/> (empty ones ignored).</summary>
    public CliSecretRedactor(CliDialect dialect, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(secrets);
        _writer = new TranscriptWriter(dialect, new CliChannelOptions
        {
            MaskedValues = [.. secrets.Where(secret => !string.IsNullOrEmpty(secret)).Select(secret => secret!)],
        });
    }

    /// <summary>The text with every secret masked.</summary>
    public string Redact(string text) => _writer.Apply(text ?? "");
}
