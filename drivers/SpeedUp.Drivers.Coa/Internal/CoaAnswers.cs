using SpeedUp.Protocols.Radius;

namespace SpeedUp.Drivers.Coa.Internal;

/// <summary>
/// What the NAS's answer to a CoA-Request means for the driver (RFC 5176 §3.5): a CoA-ACK goes on to the read-back;
/// a CoA-NAK with Session-Context-Not-Found (503) is <see cref="DriverFailure.LineNotFound"/>; every other NAK — an
/// unsupported attribute or extension (401, 406), an invalid request or value (404, 407), a NAK storm of
/// Resources-Unavailable (506), none given — is <see cref="DriverFailure.Rejected"/>.
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
        if (cause == RadiusErrorCause.SessionContextNotFound)
        {
            throw new DriverException(DriverFailure.LineNotFound, "Channel " + channel + ": the BRAS holds no session for the line (CoA-NAK " + text + "); nothing changed.");
        }

        throw new DriverException(DriverFailure.Rejected, "Channel " + channel + ": the BRAS refused the change (" + answer.Code + " " + text + ").");
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
