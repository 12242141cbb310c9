using Microsoft.Extensions.Logging;

namespace SpeedUp.Drivers.ChinaTelecom.Internal;

/// <summary>Source-generated log messages of the Huawei CLI driver. Never log secrets here.</summary>
internal static partial class DriverLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Channel {Channel}: CLI session opened in {ElapsedMs} ms")]
    public static partial void SessionOpened(ILogger logger, string channel, double elapsedMs);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Channel {Channel}: set {Direction} rate of band {BandId} to {RateKbps} kbit/s, read back {ReadBackKbps}")]
    public static partial void RateSet(ILogger logger, string channel, Direction direction, long bandId, long rateKbps, long readBackKbps);
}
