using System.Globalization;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Storage.Postgres.Internal;

/// <summary>DbUp's output, sent to the service's log.</summary>
internal sealed class UpgradeLog(ILogger logger, PostgresDatabase database) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) => Write(LogLevel.Trace, null, format, args);

    public void LogDebug(string format, params object[] args) => Write(LogLevel.Debug, null, format, args);

    public void LogInformation(string format, params object[] args) => Write(LogLevel.Information, null, format, args);

    public void LogWarning(string format, params object[] args) => Write(LogLevel.Warning, null, format, args);

    public void LogError(string format, params object[] args) => Write(LogLevel.Error, null, format, args);

    public void LogError(Exception ex, string format, params object[] args) => Write(LogLevel.Error, ex, format, args);

    private void Write(LogLevel level, Exception? exception, string format, object[] args)
    {
        if (logger.IsEnabled(level))
        {
            var message = args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
            Log.DbUp(logger, level, database.Scrub(message), exception);
        }
    }
}
