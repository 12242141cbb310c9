using System.Collections.Concurrent;

namespace SpeedUp.Protocols.Cli.Tests;

/// <summary>Keeps every transcript entry, for assertions.</summary>
internal sealed class ListTranscriptSink : ICliTranscriptSink
{
    public ConcurrentQueue<CliTranscriptEntry> Entries { get; } = new();

    public void Write(CliTranscriptEntry entry) => Entries.Enqueue(entry);
}
