using System.Net;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>
/// Decides what a received datagram is to the client: the answer to a request in flight (matched by identifier, then
/// source, Response Authenticator and code), or a drop with its reason.
/// </summary>
internal sealed class ResponseMatcher(RequestTable requests, IRadiusVendorFormats? formats, bool requireMessageAuthenticator)
{
    /// <summary>Completes the matching request, or returns why the datagram is dropped.</summary>
    public RadiusDropReason? Accept(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        if (!RadiusPacketCodec.TryDecode(datagram, formats, out var packet, out _))
        {
            return RadiusDropReason.Malformed;
        }

        var (inFlight, finished) = requests.Get(packet!.Identifier);
        if (inFlight is not null && inFlight.Server.Equals(source))
        {
            var verification = Verify(datagram, inFlight);
            if (verification != RadiusVerification.Valid)
            {
                return Reason(verification);
            }

            if (!RadiusCodes.Answers(packet.Code, inFlight.Code))
            {
                return RadiusDropReason.UnexpectedCode;
            }

            return inFlight.TryComplete(packet) ? null : RadiusDropReason.Duplicate;
        }

        if (finished is not null && finished.Server.Equals(source))
        {
            return Verify(datagram, finished) == RadiusVerification.Valid ? RadiusDropReason.Duplicate : RadiusDropReason.UnknownIdentifier;
        }

        return inFlight is not null || finished is not null ? RadiusDropReason.UnexpectedSource : RadiusDropReason.UnknownIdentifier;
    }

    private RadiusVerification Verify(ReadOnlySpan<byte> datagram, PendingRequest request) =>
        RadiusAuthenticator.VerifyResponse(datagram, request.RequestAuthenticator, request.Secret, requireMessageAuthenticator);

    private static RadiusDropReason Reason(RadiusVerification verification) => verification switch
    {
        RadiusVerification.MissingMessageAuthenticator => RadiusDropReason.MissingMessageAuthenticator,
        RadiusVerification.Malformed => RadiusDropReason.Malformed,
        _ => RadiusDropReason.BadAuthenticator,
    };
}
