using System.Security.Cryptography;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>Encodes and signs a request: random authenticator for Access-Request/Status-Server, digest for the others.</summary>
internal static class RequestBuilder
{
    public static byte[] Build(
        RadiusCode code, byte identifier, IReadOnlyList<RadiusAttribute> attributes, RadiusSharedSecret secret,
        bool addMessageAuthenticator, IRadiusVendorFormats? formats)
    {
        var all = attributes;
        if ((addMessageAuthenticator || code == RadiusCode.StatusServer) && !attributes.Any(a => a.Is(RadiusAttributeTypes.MessageAuthenticator)))
        {
            all = [.. attributes, RadiusAttribute.Create(RadiusAttributeTypes.MessageAuthenticator, new byte[RadiusLimits.AuthenticatorLength])];
        }

        Span<byte> authenticator = stackalloc byte[RadiusLimits.AuthenticatorLength];
        if (!RadiusCodes.HasDigestRequestAuthenticator(code))
        {
            RandomNumberGenerator.Fill(authenticator);
        }

        var datagram = RadiusPacketCodec.Encode(new RadiusPacket(code, identifier, authenticator, all), formats);
        RadiusAuthenticator.SignRequest(datagram, secret);
        return datagram;
    }
}
