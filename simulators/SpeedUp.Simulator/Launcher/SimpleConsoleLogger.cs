using Microsoft.Extensions.Logging;

namespace SpeedUp.Simulator;

/// <summary>Writes "time level category: message" lines to stderr.</summary>
internal sealed class SimpleConsoleLogger : ILogger
{
    private static readonly Lock Gate = new();
    private readonly string _category;
    private readonly LogLevel _minimum;

    public SimpleConsoleLogger(string category, LogLevel minimum)
    {
        _category = category[(category.LastIndexOf('.') + 1)..];
        _minimum = minimum;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = DateTime.Now.ToString("HH:mm:ss.fff") + " " + logLevel.ToString()[..4].ToUpperInvariant() + " "
            + _category + ": " + formatter(state, exception);
        lock (Gate)
        {
            Console.Error.WriteLine(line);
            if (exception is not null)
            {
                Console.Error.WriteLine(exception);
            }
        }
    }
}
