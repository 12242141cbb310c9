using System.Net;
using SpeedUp.Protocols.Snmp.Internal;

namespace SpeedUp.Protocols.Snmp.Tests;

public class CodecRoundTripTests
{
    public static TheoryData<SnmpValue> Values() =>
    [
        new SnmpInteger(0),
        new SnmpInteger(int.MinValue),
        new SnmpInteger(int.MaxValue),
        new SnmpInteger(-1),
        SnmpOctetString.FromString(""),
        SnmpOctetString.FromString("CT-BRAS-01 联通"),
        new SnmpOctetString(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()),
        SnmpValue.Null,
        new SnmpObjectIdentifierValue(ObjectIdentifier.Parse("1.3.6.1.4.1.3902.4294967295")),
        new SnmpIpAddress(IPAddress.Parse("202.101.172.35")),
        new SnmpCounter32(0),
        new SnmpCounter32(uint.MaxValue),
        new SnmpGauge32(0x80000000),
        new SnmpTimeTicks(123456),
        new SnmpOpaque(new byte[] { 0x9f, 0x78, 0x04, 0x3f, 0x80, 0, 0 }),
        new SnmpCounter64(0),
        new SnmpCounter64(ulong.MaxValue),
        SnmpValue.NoSuchObject,
        SnmpValue.NoSuchInstance,
        SnmpValue.EndOfMibView,
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void EveryValueType_RoundTrips(SnmpValue value)
    {
        var message = new CommunityMessage(SnmpVersion.V2c, "public"u8.ToArray(),
            SnmpPdu.Response(77, SnmpErrorStatus.NoError, 0, [new VarBind(ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0"), value)]));

        var decoded = CommunityMessageCodec.Decode(CommunityMessageCodec.Encode(message));

        Assert.Equal(value, Assert.Single(decoded.Pdu.VarBinds).Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void EveryPduType_RoundTrips(int tag)
    {
        var type = (SnmpPduType)tag;
        var bindings = new[]
        {
            new VarBind(ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0"), new SnmpTimeTicks(5)),
            new VarBind(ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0"), SnmpOctetString.FromString("x")),
        };
        var message = new CommunityMessage(SnmpVersion.V2c, "private"u8.ToArray(), new SnmpPdu(type, int.MaxValue, 3, -2, bindings));

        var decoded = CommunityMessageCodec.Decode(CommunityMessageCodec.Encode(message));

        Assert.Equal(SnmpVersion.V2c, decoded.Version);
        Assert.Equal("private"u8.ToArray(), decoded.Community.ToArray());
        Assert.Equal(type, decoded.Pdu.Type);
        Assert.Equal(int.MaxValue, decoded.Pdu.RequestId);
        Assert.Equal(3, decoded.Pdu.ErrorStatus);
        Assert.Equal(-2, decoded.Pdu.ErrorIndex);
        Assert.Equal(bindings, decoded.Pdu.VarBinds);
    }

    [Fact]
    public void V1Message_RoundTrips()
    {
        var message = new CommunityMessage(SnmpVersion.V1, "public"u8.ToArray(),
            new SnmpPdu(SnmpPduType.GetRequest, 1, 0, 0, [new VarBind(ObjectIdentifier.Parse("1.3.6.1"), SnmpValue.Null)]));
        var decoded = CommunityMessageCodec.Decode(CommunityMessageCodec.Encode(message));
        Assert.Equal(SnmpVersion.V1, decoded.Version);
        Assert.Equal(SnmpPduType.GetRequest, decoded.Pdu.Type);
    }

    [Fact]
    public void V1_CannotCarryCounter64()
    {
        var message = new CommunityMessage(SnmpVersion.V1, "public"u8.ToArray(),
            SnmpPdu.Response(1, SnmpErrorStatus.NoError, 0, [new VarBind(ObjectIdentifier.Parse("1.3.6.1"), new SnmpCounter64(1))]));
        Assert.Throws<SnmpException>(() => CommunityMessageCodec.Encode(message));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(100)]
    [InlineData(128)]
    public void LongOids_RoundTrip(int arcs)
    {
        var oid = new ObjectIdentifier(new uint[] { 2, uint.MaxValue }.Concat(Enumerable.Range(0, arcs - 2).Select(i => (uint)(i * 40_000_000))).ToArray());
        var message = new CommunityMessage(SnmpVersion.V2c, "c"u8.ToArray(),
            new SnmpPdu(SnmpPduType.GetRequest, 1, 0, 0, [new VarBind(oid, SnmpValue.Null)]));
        Assert.Equal(oid, CommunityMessageCodec.Decode(CommunityMessageCodec.Encode(message)).Pdu.VarBinds[0].Oid);
    }
}
