using Microsoft.Extensions.Logging;

namespace SpeedUp.Drivers.ChinaUnicom.Internal;

/// <summary>Source-generated log messages of the ZTE CLI driver. Never log secrets here.</summary>
internal static partial class ZteCliLog
{
    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Channel {Channel}: CLI session lost during {Operation}; reconnecting once")]
    public static partial void Reconnecting(ILogger logger, string channel, string operation);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "Channel {Channel}: set {Direction} rate of band {BandId} to {RateKbps} kbit/s, read back {ReadBackKbps}")]
    public static partial void RateSet(ILogger logger, string channel, Direction direction, long bandId, long rateKbps, long readBackKbps);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Warning, Message = "Channel {Channel}: {Operation} failed ({Failure}): {Reason}")]
    public static partial void OperationFailed(ILogger logger, string channel, string operation, DriverFailure failure, string reason);
}
