using Microsoft.Extensions.Logging;

namespace SpeedUp.Storage.Postgres.Internal;

/// <summary>The PostgreSQL store's log events (ids 4100–4199). None carries a password.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "PostgreSQL schema at {Address}: {Applied} migration(s) applied, {Total} known")]
    public static partial void MigrationsDone(ILogger logger, string address, int applied, int total);

    [LoggerMessage(EventId = 4101, Message = "DbUp: {Message}")]
    public static partial void DbUp(ILogger logger, LogLevel level, string message, Exception? exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Waiting for the migration lock at {Address} (another instance is migrating)")]
    public static partial void MigrationLockWaiting(ILogger logger, string address);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning,
        Message = "Could not unlock line {BandId} at {Address}; its connection is closed instead, which frees the lock")]
    public static partial void LineUnlockFailed(ILogger logger, long bandId, string address, Exception exception);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Debug, Message = "Deleted {Count} expired used nonce(s)")]
    public static partial void NoncesSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Warning, Message = "Deleting expired used nonces failed; the next sweep tries again")]
    public static partial void NonceSweepFailed(ILogger logger, Exception exception);
}
