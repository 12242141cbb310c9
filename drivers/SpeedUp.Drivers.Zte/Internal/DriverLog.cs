using Microsoft.Extensions.Logging;

namespace SpeedUp.Drivers.Zte.Internal;

/// <summary>Log events of the ZTE SNMP driver. Communities are never logged.</summary>
internal static partial class DriverLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Channel {Channel}: band id {BandId} {Direction} set to {RateKbps} kbit/s and confirmed")]
    public static partial void RateSet(ILogger logger, string channel, long bandId, Direction direction, long rateKbps);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Channel {Channel}: {Operation} failed ({Failure})")]
    public static partial void OperationFailed(ILogger logger, string channel, string operation, DriverFailure failure, Exception exception);
}
