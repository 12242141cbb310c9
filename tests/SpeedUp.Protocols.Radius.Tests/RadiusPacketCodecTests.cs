using System.Net;
using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests;

public class RadiusPacketCodecTests
{
    // A CoA-Request built byte by byte with Python's struct/hashlib/hmac (not this code): id 7, User-Name
    // "zj0571a0001", Huawei-Output-Average-Rate (2011/5) = 200000000, Message-Authenticator; secret "testing123".
    internal const string CoaRequest =
        "2b07003f3b823abb7a5e6faae5722ba53f0833a3010d7a6a3035373161303030311a0c000007db05060bebc2005012044f31441ecba58a2cb8852798f6ba44";

    // The CoA-NAK to it with Error-Cause 503 and a Message-Authenticator, built the same way.
    internal const string CoaNak = "2d07002c88edf0fbf4383730d999d6ec6cbcd6936506000001f75012df7a71d6dadbec9d61f609276d3ef2cc";

    [Fact]
    public void TryDecode_PythonBuiltCoaRequest_ReadsHeaderStandardAndVendorAttributes()
    {
        Assert.True(RadiusPacketCodec.TryDecode(Hex.Bytes(CoaRequest), null, out var packet, out var error));

        Assert.Equal(RadiusDecodeError.None, error);
        Assert.Equal(RadiusCode.CoaRequest, packet!.Code);
        Assert.Equal(7, packet.Identifier);
        Assert.Equal("zj0571a0001", packet.Find(RadiusAttributeTypes.UserName)!.GetString());
        Assert.True(packet.Find(2011, 5)!.TryGetUInt32(out var rate));
        Assert.Equal(200_000_000u, rate);
        Assert.Equal(16, packet.Find(RadiusAttributeTypes.MessageAuthenticator)!.Value.Length);
    }

    [Fact]
    public void Encode_DecodedPacket_GivesTheSameOctets()
    {
        var original = Hex.Bytes(CoaRequest);
        RadiusPacketCodec.TryDecode(original, null, out var packet, out _);

        Assert.Equal(original, RadiusPacketCodec.Encode(packet!));
    }

    [Fact]
    public void Encode_ThenDecode_RoundTripsEveryValueType()
    {
        var attributes = new[]
        {
            RadiusAttribute.FromString(RadiusAttributeTypes.UserName, "用户@zj"),
            RadiusAttribute.Create(RadiusAttributeTypes.FramedIpAddress, RadiusValue.FromIpAddress(IPAddress.Parse("10.1.2.3"))),
            RadiusAttribute.Create(RadiusAttributeTypes.EventTimestamp, RadiusValue.FromDate(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero))),
            RadiusAttribute.Create(95, RadiusValue.FromIpAddress(IPAddress.Parse("2001:db8::1"))),
            RadiusAttribute.Create(97, RadiusValue.FromIpv6Prefix(IPAddress.Parse("2001:db8:abcd::"), 48)),
            RadiusAttribute.VendorUInt32(2011, 2, 100_000),
            RadiusAttribute.Vendor(2011, 17, "isp"u8),
        };
        var bytes = RadiusPacketCodec.Encode(new RadiusPacket(RadiusCode.CoaRequest, 200, new byte[16], attributes));

        Assert.True(RadiusPacketCodec.TryDecode(bytes, null, out var packet, out _));
        Assert.Equal("用户@zj", packet!.Attributes[0].GetString());
        Assert.True(RadiusValue.TryReadIpAddress(packet.Attributes[1].Value.Span, out var ip));
        Assert.Equal(IPAddress.Parse("10.1.2.3"), ip);
        Assert.True(RadiusValue.TryReadDate(packet.Attributes[2].Value.Span, out var date));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero), date);
        Assert.True(RadiusValue.TryReadIpAddress(packet.Attributes[3].Value.Span, out var ipv6));
        Assert.Equal(IPAddress.Parse("2001:db8::1"), ipv6);
        Assert.True(RadiusValue.TryReadIpv6Prefix(packet.Attributes[4].Value.Span, out var prefix, out var bits));
        Assert.Equal((IPAddress.Parse("2001:db8:abcd::"), 48), (prefix, bits));
        Assert.Equal(2 + 6, packet.Attributes[4].Value.Length);
        Assert.True(packet.Attributes[5].Is(2011, 2));
        Assert.Equal("isp", packet.Attributes[6].GetString());
    }

    [Fact]
    public void Encode_VendorFormat21_WritesTwoOctetTypeAndOneOctetLength()
    {
        var formats = new FixedFormats(new RadiusVendorFormat(2, 1, false));
        var bytes = RadiusPacketCodec.Encode(
            new RadiusPacket(RadiusCode.CoaRequest, 1, new byte[16], [RadiusAttribute.VendorUInt32(4846, 0x0102, 9)]), formats);

        // 26, len 13, vendor 4846, type 0x0102, sub-length 7, value.
        Assert.Equal(Hex.Bytes("1a0d000012ee010207 00000009".Replace(" ", string.Empty, StringComparison.Ordinal)), bytes[20..]);
        Assert.True(RadiusPacketCodec.TryDecode(bytes, formats, out var packet, out _));
        Assert.True(packet!.Attributes.Single().Is(4846, 0x0102));
    }

    [Fact]
    public void TryDecode_SeveralVendorAttributesInOneVendorSpecific_SplitsThemInOrder()
    {
        var bytes = Hex.Bytes("2b01002a" + new string('0', 32) + "1a12000007db0206000186a00506000186a1" + "0105616263");
        bytes[3] = (byte)bytes.Length;

        Assert.True(RadiusPacketCodec.TryDecode(bytes, null, out var packet, out _));
        Assert.Equal([(2011u, 2u), (2011u, 5u), (0u, 0u)], packet!.Attributes.Select(a => (a.VendorId, a.VendorType)));
    }

    [Fact]
    public void TryDecode_VendorSpecificNotInItsFormat_KeepsItRaw()
    {
        // Sub-attribute length 9 runs past the Vendor-Specific content.
        var bytes = Hex.Bytes("2b01001e" + new string('0', 32) + "1a0a000007db0209aaaa");

        Assert.True(RadiusPacketCodec.TryDecode(bytes, null, out var packet, out _));
        var raw = Assert.Single(packet!.Attributes);
        Assert.Equal((RadiusAttributeTypes.VendorSpecific, 0u), (raw.Type, raw.VendorId));
        Assert.Equal(8, raw.Value.Length);
    }

    [Fact]
    public void Encode_PacketOver4096Octets_Throws()
    {
        var attributes = Enumerable.Range(0, 17).Select(_ => RadiusAttribute.Create(25, new byte[253])).ToList();

        Assert.Throws<ArgumentException>(() => RadiusPacketCodec.Encode(new RadiusPacket(RadiusCode.CoaRequest, 1, new byte[16], attributes)));
    }

    [Fact]
    public void Encode_VendorTypeTooLargeForFormat_Throws() =>
        Assert.Throws<ArgumentException>(() => RadiusPacketCodec.Encode(
            new RadiusPacket(RadiusCode.CoaRequest, 1, new byte[16], [RadiusAttribute.VendorUInt32(2011, 300, 1)])));

    [Fact]
    public void ErrorCause_OfPythonBuiltNak_Is503()
    {
        RadiusPacketCodec.TryDecode(Hex.Bytes(CoaNak), null, out var packet, out _);

        Assert.Equal(RadiusErrorCause.SessionContextNotFound, packet!.ErrorCause);
        Assert.Equal(RadiusCode.CoaNak, packet.Code);
    }

    private sealed class FixedFormats(RadiusVendorFormat format) : IRadiusVendorFormats
    {
        public RadiusVendorFormat FormatOf(uint vendorId) => format;
    }
}
