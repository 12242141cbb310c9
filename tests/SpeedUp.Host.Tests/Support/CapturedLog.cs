using Microsoft.Extensions.Logging;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Support;

/// <summary>
/// The in-process service's logging, laid out as the console logger of a service process writes it
/// (<c>level: category[event]</c>, then the message and any exception indented by six spaces, line by line):
/// the latest lines are kept for assertions, and all of them go to <c>.run/logs/</c> for the secret scan that closes a
/// test run (<see cref="SecretScan"/>), as the output of a service process does.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    /// <summary>How many of the latest lines are kept.</summary>
    public const int KeptLines = 5000;

    private const string Padding = "      ";
    private readonly Queue<string> _lines = new();
    private readonly StreamWriter _file = SecretScan.OpenLog("host-in-process");
    private long _count;

    /// <summary>How many lines have been written in all.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>The latest lines.</summary>
    public string Text
    {
        get
        {
            lock (_lines)
            {
                return string.Join(Environment.NewLine, _lines);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (_lines)
        {
            _file.Dispose();
        }
    }

    private void Write(string entry)
    {
        lock (_lines)
        {
            foreach (var line in entry.Split('\n'))
            {
                Interlocked.Increment(ref _count);
                SecretScan.TryWrite(_file, line.TrimEnd('\r'));
                _lines.Enqueue(line.TrimEnd('\r'));
                if (_lines.Count > KeptLines)
                {
                    _lines.Dequeue();
                }
            }
        }
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = $"{Level(logLevel)}: {category}[{eventId.Id}]\n{Padding}{formatter(state, exception).Replace("\n", "\n" + Padding, StringComparison.Ordinal)}";
            log.Write(exception is null ? entry : $"{entry}\n{Padding}{exception.ToString().Replace("\n", "\n" + Padding, StringComparison.Ordinal)}");
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
