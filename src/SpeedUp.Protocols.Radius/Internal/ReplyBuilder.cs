namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>Encodes and signs the ACK or NAK to a CoA-Request or Disconnect-Request (RFC 5176 §3).</summary>
internal static class ReplyBuilder
{
    public static byte[] Build(RadiusPacket request, RadiusReply reply, RadiusSharedSecret secret, IRadiusVendorFormats? formats)
    {
        var code = reply.Kind == RadiusReplyKind.Ack ? RadiusCodes.AckOf(request.Code) : RadiusCodes.NakOf(request.Code);
        var attributes = new List<RadiusAttribute>(reply.Attributes.Where(a => !a.Is(RadiusAttributeTypes.MessageAuthenticator)));
        if (reply.Kind == RadiusReplyKind.Nak && reply.ErrorCause is { } cause)
        {
            attributes.Add(RadiusAttribute.FromUInt32(RadiusAttributeTypes.ErrorCause, (uint)cause));
        }

        // Answer a request that carried a Message-Authenticator with one (RFC 3579 §3.2 practice, and RFC 5176 §3).
        if (request.Find(RadiusAttributeTypes.MessageAuthenticator) is not null)
        {
            attributes.Add(RadiusAttribute.Create(RadiusAttributeTypes.MessageAuthenticator, new byte[RadiusLimits.AuthenticatorLength]));
        }

        var datagram = RadiusPacketCodec.Encode(new RadiusPacket(code, request.Identifier, request.Authenticator.Span, attributes), formats);
        RadiusAuthenticator.SignResponse(datagram, request.Authenticator.Span, secret);
        return datagram;
    }
}
