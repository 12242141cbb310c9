using SpeedUp.Protocols.Radius;

namespace SpeedUp.Drivers.Coa.Internal;

/// <summary>
/// What the NAS's answer to a CoA-Request means for the driver (RFC 5176 §3.5). A CoA-ACK goes on to the read-back.
/// A NAK about the line is the line's answer, which ends the run: Session-Context-Not-Found (503) is
/// <see cref="DriverFailure.LineNotFound"/>; Invalid-Attribute-Value (407, the rate refused) and
/// Session-Context-Not-Removable (504) are <see cref="DriverFailure.Rejected"/>. A NAK about the BRAS is a fault of the
/// channel, so the scheduler may try another channel to the same line: Resources-Unavailable (506, a NAK storm) is
/// <see cref="DriverFailure.Unreachable"/> (transient: nothing changed, the BRAS cannot take changes now); a NAK that
/// says the BRAS does not take our requests at all (401–406, 501, 502, 505, or none) is
/// <see cref="DriverFailure.ProtocolError"/> (the channel's configuration does not match the BRAS).
/// </summary>
internal static class CoaAnswers
{
    public static void RequireAck(RadiusPacket answer, string channel)
    {
        if (answer.Code == RadiusCode.CoaAck)
        {
            return;
        }

        var cause = answer.ErrorCause;
        var text = cause is { } c ? (uint)c + " " + c : "no Error-Cause";
        throw cause switch
        {
            RadiusErrorCause.SessionContextNotFound => new DriverException(DriverFailure.LineNotFound,
                "Channel " + channel + ": the BRAS holds no session for the line (CoA-NAK " + text + "); nothing changed."),
            RadiusErrorCause.InvalidAttributeValue or RadiusErrorCause.SessionContextNotRemovable => new DriverException(DriverFailure.Rejected,
                "Channel " + channel + ": the BRAS refused the change for this line (" + answer.Code + " " + text + ")."),
            RadiusErrorCause.ResourcesUnavailable => new DriverException(DriverFailure.Unreachable,
                "Channel " + channel + ": the BRAS cannot take changes now (" + answer.Code + " " + text + "); nothing changed."),
            _ => new DriverException(DriverFailure.ProtocolError,
                "Channel " + channel + ": the BRAS does not take this channel's CoA requests (" + answer.Code + " " + text
                + "); check the channel's Coa settings and the BRAS's CoA client configuration."),
        };
    }

    public static DriverException Translate(Exception exception, string channel, TimeSpan operationTimeout) => exception switch
    {
        RadiusTimeoutException => new(DriverFailure.Timeout,
            "Channel " + channel + ": no valid CoA answer (BRAS down, wrong shared secret, or packets lost).", exception),
        RadiusTransportException transport => new(DriverFailure.Unreachable,
            "Channel " + channel + ": the CoA port could not be reached: " + transport.Message, exception),
        System.Net.Sockets.SocketException => new(DriverFailure.Unreachable,
            "Channel " + channel + ": the CoA host could not be resolved or reached.", exception),
        OperationCanceledException => new(DriverFailure.Timeout,
            "Channel " + channel + ": the change did not complete within " + operationTimeout.TotalSeconds + " s.", exception),
        ArgumentException => new(DriverFailure.InvalidValue, "Channel " + channel + ": the CoA-Request could not be built; nothing was sent.", exception),
        _ => new(DriverFailure.ProtocolError, "Channel " + channel + ": the CoA exchange failed in the RADIUS stack.", exception),
    };
}
