using Microsoft.Extensions.Logging;

namespace SpeedUp.Drivers.ChinaUnicom.Internal;

/// <summary>Source-generated log messages of the ZTE CLI driver. Never log secrets here.</summary>
internal static partial class ZteCliLog
{

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "Channel {Channel}: set {Direction} rate of band {BandId} to {RateKbps} kbit/s, read back {ReadBackKbps}")]
    public static partial void RateSet(ILogger logger, string channel, Direction direction, long bandId, long rateKbps, long readBackKbps);
}
