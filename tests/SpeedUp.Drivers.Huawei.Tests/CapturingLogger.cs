using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Drivers.Huawei.Tests;

/// <summary>One category of <see cref="CapturingLoggerFactory"/>; exceptions are appended to the message.</summary>
internal sealed class CapturingLogger(string category, ConcurrentQueue<(string Category, LogLevel Level, string Message)> sink) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        sink.Enqueue((category, logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
}
