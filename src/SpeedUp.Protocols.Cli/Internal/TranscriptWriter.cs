using System.Text.RegularExpressions;

namespace SpeedUp.Protocols.Cli.Internal;

/// <summary>Masks and forwards one session's commands and outputs to a transcript sink.</summary>
internal sealed class TranscriptWriter
{
    public const string Mask = "******";
    private static int s_sessions;
    private readonly ICliTranscriptSink? _sink;
    private readonly IReadOnlyList<string> _maskedValues;
    private readonly IReadOnlyList<Regex> _patterns;

    public TranscriptWriter(CliDialect dialect, CliChannelOptions options)
    {
        _sink = options.Transcript;
        _maskedValues = [.. options.MaskedValues.Where(value => !string.IsNullOrEmpty(value)).OrderByDescending(value => value.Length)];
        _patterns = dialect.SecretPatterns;
        Session = $"{dialect.Name}#{Interlocked.Increment(ref s_sessions)}";
    }

    public string Session { get; }

    public void Record(string command, string output, string prompt, TimeSpan elapsed)
    {
        if (_sink is null or LoggerTranscriptSink { IsEnabled: false })
        {
            return;
        }

        _sink.Write(new CliTranscriptEntry(Session, Apply(command), Apply(output), prompt, elapsed));
    }

    public string Apply(string text)
    {
        foreach (var value in _maskedValues)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        foreach (var pattern in _patterns)
        {
            text = pattern.Replace(text, match =>
            {
                var secret = match.Groups["secret"];
                if (!secret.Success)
                {
                    return Mask;
                }

                var start = secret.Index - match.Index;
                return match.Value[..start] + Mask + match.Value[(start + secret.Length)..];
            });
        }

        return text;
    }
}
