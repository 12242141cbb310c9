using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests;

/// <summary>The decoder's limits (RFC 2865 §3, §5): each refusal is a typed error, never an exception.</summary>
public class HostileInputTests
{
    private static readonly string ZeroAuthenticator = new('0', 32);

    [Theory]
    [InlineData("", RadiusDecodeError.Truncated)]
    [InlineData("2b0100", RadiusDecodeError.Truncated)]
    [InlineData("2b010013" + "000000000000000000000000000000", RadiusDecodeError.Truncated)] // 19 octets
    [InlineData("2b010013" + "0000000000000000000000000000000000", RadiusDecodeError.InvalidLength)] // Length 19
    [InlineData("2b011001" + "0000000000000000000000000000000000", RadiusDecodeError.InvalidLength)] // Length 4097
    [InlineData("2b010020" + "00000000000000000000000000000000", RadiusDecodeError.Truncated)] // Length 32, 20 octets
    public void TryDecode_BadHeader_FailsWithError(string hex, RadiusDecodeError expected)
    {
        Assert.False(RadiusPacketCodec.TryDecode(Hex.Bytes(hex), null, out var packet, out var error));
        Assert.Null(packet);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("0101", RadiusDecodeError.InvalidAttributeLength)] // length 1
    [InlineData("0100", RadiusDecodeError.InvalidAttributeLength)] // length 0 (would loop forever if accepted)
    [InlineData("0109616263", RadiusDecodeError.InvalidAttributeLength)] // runs past the packet
    [InlineData("01", RadiusDecodeError.InvalidAttributeLength)] // half a header
    [InlineData("0003ff", RadiusDecodeError.InvalidAttributeType)] // type 0
    public void TryDecode_BadAttribute_FailsWithError(string attributes, RadiusDecodeError expected)
    {
        var bytes = Hex.Bytes("2b0100" + (20 + (attributes.Length / 2)).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + ZeroAuthenticator + attributes);

        Assert.False(RadiusPacketCodec.TryDecode(bytes, null, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryDecode_OctetsPastLength_AreIgnoredAsPadding()
    {
        var bytes = Hex.Bytes("2b010017" + ZeroAuthenticator + "010361" + "ffffffff");

        Assert.True(RadiusPacketCodec.TryDecode(bytes, null, out var packet, out _));
        Assert.Equal("a", Assert.Single(packet!.Attributes).GetString());
    }

    [Fact]
    public void TryDecode_Exactly4096Octets_Decodes()
    {
        var attributes = new List<RadiusAttribute>();
        var room = 4096 - 20;
        while (room > 0)
        {
            var size = Math.Min(255, room);
            attributes.Add(RadiusAttribute.Create(25, new byte[size - 2]));
            room -= size;
        }

        var bytes = RadiusPacketCodec.Encode(new RadiusPacket(RadiusCode.CoaRequest, 1, new byte[16], attributes));

        Assert.Equal(4096, bytes.Length);
        Assert.True(RadiusPacketCodec.TryDecode(bytes, null, out _, out _));
    }

    [Fact]
    public void Verify_MalformedPackets_AreMalformedNotExceptions()
    {
        var secret = new RadiusSharedSecret("s");
        Assert.Equal(RadiusVerification.Malformed, RadiusAuthenticator.VerifyRequest(Hex.Bytes("2b01"), secret));
        Assert.Equal(RadiusVerification.Malformed, RadiusAuthenticator.VerifyResponse(Hex.Bytes("2b01ffff"), new byte[16], secret));
    }
}
