using Microsoft.Extensions.Logging;

namespace SpeedUp.Simulator;

/// <summary>A minimal console logger factory for the launcher (no Microsoft.Extensions.Logging.Console dependency).</summary>
internal sealed class SimpleConsoleLoggerFactory : ILoggerFactory
{
    private readonly LogLevel _minimum;

    public SimpleConsoleLoggerFactory(LogLevel minimum)
    {
        _minimum = minimum;
    }

    public ILogger CreateLogger(string categoryName) => new SimpleConsoleLogger(categoryName, _minimum);

    public void AddProvider(ILoggerProvider provider)
    {
        // providers are not supported: everything goes to the console
    }

    public void Dispose()
    {
    }
}
