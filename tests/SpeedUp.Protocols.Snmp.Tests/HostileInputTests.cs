using SpeedUp.Protocols.Snmp.Internal;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests;

public class HostileInputTests
{
    [Fact]
    public void EveryTruncation_IsRejected()
    {
        var valid = Hex.Bytes(NetSnmpBytesTests.SnmpdGetResponse);
        for (var length = 0; length < valid.Length; length++)
        {
            Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(valid.AsMemory(0, length)));
        }
    }

    [Theory]
    [InlineData(0x74)]
    [InlineData(0x76)]
    [InlineData(0x7f)]
    [InlineData(0x00)]
    public void WrongOuterLength_IsRejected(byte length)
    {
        var bytes = Hex.Bytes(NetSnmpBytesTests.SnmpdGetResponse);
        bytes[1] = length;
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(bytes));
    }

    [Theory]
    [InlineData("30847fffffff020101")]
    [InlineData("3084ffffffff020101")]
    [InlineData("3088ffffffffffffffff020101")]
    [InlineData("30ff")]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("05 00")]
    public void HugeOrAbsurdLengths_AreRejected(string hex) =>
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(Hex.Bytes(hex)));

    [Fact]
    public void DeepIndefiniteNesting_IsRejected()
    {
        var bytes = Enumerable.Repeat(new byte[] { 0x30, 0x80 }, 20_000).SelectMany(b => b)
            .Concat(new byte[40_000]).ToArray();
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(bytes));
    }

    [Fact]
    public void DeepDefiniteNesting_IsRejected()
    {
        var hex = "0500";
        for (var i = 0; i < 200; i++)
        {
            hex = RawMessage.Tlv("30", hex);
            if (hex.Length > 60_000)
            {
                break;
            }
        }

        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(Hex.Bytes(hex)));
    }

    [Fact]
    public void IndefiniteLengthMessage_IsRejected()
    {
        var definite = Hex.Bytes(NetSnmpBytesTests.SnmpGetRequest);
        var indefinite = new byte[] { 0x30, 0x80 }.Concat(definite[2..]).Concat(new byte[] { 0, 0 }).ToArray();
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(indefinite));
    }

    [Fact]
    public void OidWith129SubIdentifiers_IsRejected()
    {
        var oid = "2b" + string.Concat(Enumerable.Repeat("01", 127)); // 1.3 + 127 = 129 sub-identifiers
        var bytes = RawMessage.WithVarBind("0681" + (oid.Length / 2).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + oid + "0500");
        var exception = Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(bytes));
        Assert.Contains("128", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubIdentifierOf2Pow32_IsRejected() =>
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(RawMessage.WithVarBind("06072b9080808000" + "0500")));

    [Fact]
    public void TooManyVarBinds_AreRejected()
    {
        var bindings = Enumerable.Range(0, SnmpCodecLimits.MaxVarBinds + 1)
            .Select(i => new VarBind(ObjectIdentifier.Parse("1.3.6.1." + i), SnmpValue.Null)).ToArray();
        var bytes = CommunityMessageCodec.Encode(new CommunityMessage(SnmpVersion.V2c, "p"u8.ToArray(),
            new SnmpPdu(SnmpPduType.GetRequest, 1, 0, 0, bindings)));
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(bytes));
    }

    [Fact]
    public void DatagramOverTheLimit_IsRejected()
    {
        var bytes = Hex.Bytes(NetSnmpBytesTests.SnmpGetRequest);
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(bytes, maxDatagramSize: bytes.Length - 1));
    }

    [Fact]
    public void TrailingBytes_AreRejected()
    {
        var bytes = Hex.Bytes(NetSnmpBytesTests.SnmpGetRequest).Concat(new byte[] { 0x05, 0x00 }).ToArray();
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(bytes));
    }

    [Theory]
    [InlineData("4105ff7fffffff")] // negative Counter32 longer than 4 octets
    [InlineData("41050100000000")] // Counter32 = 2^32
    [InlineData("4100")] // empty INTEGER
    [InlineData("46090100000000000000000000")] // Counter64 wider than 64 bits
    [InlineData("400501020304 05")] // IpAddress of 5 octets
    [InlineData("45020102")] // NsapAddress: not SNMPv2
    [InlineData("8001 00")] // noSuchObject with content
    [InlineData("2403040161")] // constructed OCTET STRING
    [InlineData("020500ffffffff")] // INTEGER beyond 32 bits
    [InlineData("3000")] // constructed value
    public void InvalidValues_AreRejected(string valueHex) =>
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(RawMessage.WithValue(valueHex.Replace(" ", "", StringComparison.Ordinal))));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(-1)]
    public void UnsupportedVersions_AreRejected(int version) =>
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(RawMessage.WithValue("0500", version & 0xff)));

    [Fact]
    public void V1MessageWithCounter64_IsRejected() =>
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(RawMessage.WithValue("460101", version: 0)));

    [Fact]
    public void V1TrapPdu_IsRejected()
    {
        var bytes = Hex.Bytes(NetSnmpBytesTests.SnmpGetRequest);
        bytes[13] = 0xa4;
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(bytes));
    }

    [Fact]
    public void ConstructedCommunity_IsRejected()
    {
        var bytes = Hex.Bytes("3019020101" + "2480040170757062000000" + "a00c020101020100020100" + "3000");
        Assert.Throws<SnmpDecodingException>(() => CommunityMessageCodec.Decode(bytes));
    }
}
