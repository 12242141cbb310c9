using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests;

public class RadiusAuthenticatorTests
{
    private static readonly RadiusSharedSecret Secret = new("testing123");

    [Fact]
    public void SignRequest_SameContentAsPythonBuiltPacket_GivesItsAuthenticatorAndMessageAuthenticator()
    {
        var expected = Hex.Bytes(RadiusPacketCodecTests.CoaRequest);
        var packet = (byte[])expected.Clone();
        packet.AsSpan(4, 16).Fill(0xEE);
        packet.AsSpan(expected.Length - 16).Clear();

        RadiusAuthenticator.SignRequest(packet, Secret);

        Assert.Equal(expected, packet);
    }

    [Fact]
    public void SignResponse_SameContentAsPythonBuiltNak_GivesItsAuthenticators()
    {
        var request = Hex.Bytes(RadiusPacketCodecTests.CoaRequest);
        var expected = Hex.Bytes(RadiusPacketCodecTests.CoaNak);
        var packet = (byte[])expected.Clone();
        packet.AsSpan(4, 16).Clear();
        packet.AsSpan(expected.Length - 16).Clear();

        RadiusAuthenticator.SignResponse(packet, request.AsSpan(4, 16), Secret);

        Assert.Equal(expected, packet);
    }

    [Fact]
    public void VerifyRequest_PythonBuiltPacket_IsValid() =>
        Assert.Equal(RadiusVerification.Valid, RadiusAuthenticator.VerifyRequest(Hex.Bytes(RadiusPacketCodecTests.CoaRequest), Secret, requireMessageAuthenticator: true));

    [Fact]
    public void VerifyRequest_WrongSecret_IsBadAuthenticator() =>
        Assert.Equal(RadiusVerification.BadAuthenticator, RadiusAuthenticator.VerifyRequest(Hex.Bytes(RadiusPacketCodecTests.CoaRequest), new RadiusSharedSecret("testing124")));

    [Fact]
    public void VerifyRequest_AttributeAlteredAndOnlyMd5Recomputed_IsBadMessageAuthenticator()
    {
        // The MD5 Request Authenticator redone over the altered packet, the HMAC left as it was: only the
        // Message-Authenticator catches it.
        var packet = Hex.Bytes(RadiusPacketCodecTests.CoaRequest);
        packet[24] ^= 0x01;
        packet.AsSpan(4, 16).Clear();
#pragma warning disable CA5351 // RFC 5176 §3 mandates MD5.
        System.Security.Cryptography.MD5.HashData([.. packet, .. "testing123"u8.ToArray()]).CopyTo(packet.AsSpan(4));
#pragma warning restore CA5351

        Assert.Equal(RadiusVerification.BadMessageAuthenticator, RadiusAuthenticator.VerifyRequest(packet, Secret));
    }

    [Fact]
    public void VerifyRequest_AnyAttributeOctetFlipped_IsNotValid()
    {
        var original = Hex.Bytes(RadiusPacketCodecTests.CoaRequest);
        for (var i = 20; i < original.Length; i++)
        {
            var packet = (byte[])original.Clone();
            packet[i] ^= 0x40;
            Assert.NotEqual(RadiusVerification.Valid, RadiusAuthenticator.VerifyRequest(packet, Secret));
        }
    }

    [Fact]
    public void VerifyRequest_NoMessageAuthenticatorButRequired_IsMissing()
    {
        var packet = RadiusPacketCodec.Encode(new RadiusPacket(RadiusCode.DisconnectRequest, 3, new byte[16], [RadiusAttribute.FromString(1, "u")]));
        RadiusAuthenticator.SignRequest(packet, Secret);

        Assert.Equal(RadiusVerification.Valid, RadiusAuthenticator.VerifyRequest(packet, Secret));
        Assert.Equal(RadiusVerification.MissingMessageAuthenticator, RadiusAuthenticator.VerifyRequest(packet, Secret, requireMessageAuthenticator: true));
    }

    [Fact]
    public void VerifyResponse_PythonBuiltNak_IsValidOnlyAgainstItsRequest()
    {
        var request = Hex.Bytes(RadiusPacketCodecTests.CoaRequest);
        var nak = Hex.Bytes(RadiusPacketCodecTests.CoaNak);
        var otherRequestAuthenticator = new byte[16];

        Assert.Equal(RadiusVerification.Valid, RadiusAuthenticator.VerifyResponse(nak, request.AsSpan(4, 16), Secret, requireMessageAuthenticator: true));
        Assert.Equal(RadiusVerification.BadAuthenticator, RadiusAuthenticator.VerifyResponse(nak, otherRequestAuthenticator, Secret));
    }

    [Fact]
    public void VerifyRequest_TwoMessageAuthenticators_IsBadMessageAuthenticator()
    {
        var packet = RadiusPacketCodec.Encode(new RadiusPacket(RadiusCode.CoaRequest, 3, new byte[16],
            [RadiusAttribute.Create(80, new byte[16]), RadiusAttribute.Create(80, new byte[16])]));
        RadiusAuthenticator.SignRequest(packet, Secret);

        Assert.Equal(RadiusVerification.BadMessageAuthenticator, RadiusAuthenticator.VerifyRequest(packet, Secret));
    }

    [Fact]
    public void SharedSecret_ToString_DoesNotShowTheSecret() =>
        Assert.DoesNotContain("testing123", Secret.ToString(), StringComparison.Ordinal);
}
