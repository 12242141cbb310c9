using Microsoft.Extensions.Logging;
using SpeedUp.Drivers;

namespace SpeedUp.Drivers.Cli;

/// <summary>Log messages of <see cref="CliOperationRunner"/> (stable event ids; never secrets).</summary>
internal static partial class CliDriverLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Channel {Channel}: CLI session lost during {Operation}; reconnecting once")]
    public static partial void Reconnecting(ILogger logger, string channel, string operation);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Channel {Channel}: {Operation} failed ({Failure}): {Reason}")]
    public static partial void OperationFailed(ILogger logger, string channel, string operation, DriverFailure failure, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Channel {Channel}: set {Direction} rate of band {BandId} to {RateKbps} kbit/s, read back {ReadBackKbps}")]
    public static partial void RateSet(ILogger logger, string channel, Direction direction, long bandId, long rateKbps, long readBackKbps);
}
