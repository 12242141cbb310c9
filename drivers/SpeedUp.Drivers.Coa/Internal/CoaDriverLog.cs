using Microsoft.Extensions.Logging;

namespace SpeedUp.Drivers.Coa.Internal;

/// <summary>Log events of the CoA drivers (3200–3202). Shared secrets and attribute values are never logged.</summary>
internal static partial class CoaDriverLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Channel {Channel}: band id {BandId} {Direction} set to {RateKbps} kbit/s by CoA and confirmed")]
    public static partial void RateSet(ILogger logger, string channel, long bandId, Direction direction, long rateKbps);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Channel {Channel}: CoA set rate failed ({Failure})")]
    public static partial void SetFailed(ILogger logger, string channel, DriverFailure failure, Exception exception);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Channel {Channel}: the CoA was acknowledged but band id {BandId} reads {Read} kbit/s {Direction}, not {RateKbps}")]
    public static partial void NotConfirmed(ILogger logger, string channel, long bandId, Direction direction, long rateKbps, long read);
}
