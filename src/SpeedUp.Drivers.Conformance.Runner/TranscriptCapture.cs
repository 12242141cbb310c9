using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Conformance.Runner;

/// <summary>
/// Keeps the CLI transcript the driver writes (logger category <see cref="LoggerTranscriptSink.Category"/>, Trace;
/// entries arrive with secrets masked), so a failed rule can be shown with what the device answered. Other
/// categories go nowhere.
/// </summary>
public sealed class TranscriptCapture : ILoggerFactory, ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Takes (and forgets) the entries written so far.</summary>
    public IReadOnlyList<string> Drain()
    {
        var drained = new List<string>();
        while (_entries.TryDequeue(out var entry))
        {
            drained.Add(entry);
        }

        return drained;
    }

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) =>
        string.Equals(categoryName, LoggerTranscriptSink.Category, StringComparison.Ordinal) ? new TranscriptLogger(_entries) : NullLogger.Instance;

    /// <inheritdoc/>
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class TranscriptLogger(ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(formatter(state, exception));
    }

    private sealed class NullLogger : ILogger
    {
        public static readonly NullLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
