using SpeedUp.Protocols.Radius.Internal;

namespace SpeedUp.Protocols.Radius.Tests.Support;

/// <summary>Builds signed requests and answers for tests (with the stack's own builder and signer).</summary>
internal static class Packets
{
    public static byte[] Request(RadiusCode code, byte id, RadiusSharedSecret secret, bool messageAuthenticator = true, params RadiusAttribute[] attributes) =>
        RequestBuilder.Build(code, id, attributes, secret, messageAuthenticator, null);

    public static byte[] Answer(byte[] request, RadiusCode code, RadiusSharedSecret secret, params RadiusAttribute[] attributes)
    {
        var bytes = RadiusPacketCodec.Encode(new RadiusPacket(code, request[1], request.AsSpan(4, 16), attributes));
        RadiusAuthenticator.SignResponse(bytes, request.AsSpan(4, 16), secret);
        return bytes;
    }

    public static RadiusPacket Decode(byte[] datagram)
    {
        Assert.True(RadiusPacketCodec.TryDecode(datagram, null, out var packet, out var error), "not decodable: " + error);
        return packet!;
    }
}
