using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Drivers.Huawei.Tests;

/// <summary>A logger factory that keeps every formatted message of every category, at all levels (Trace included).</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Messages);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
