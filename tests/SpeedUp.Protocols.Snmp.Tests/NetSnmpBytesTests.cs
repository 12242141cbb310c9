using System.Net;
using SpeedUp.Protocols.Snmp.Internal;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests;

/// <summary>Datagrams captured from net-snmp 5.9 tools and snmpd on loopback.</summary>
public class NetSnmpBytesTests
{
    /// <summary><c>snmpget -v2c -c public 1.3.6.1.2.1.1.1.0</c>.</summary>
    internal const string SnmpGetRequest =
        "302902010104067075626c6963a01c02040f5d9609020100020100300e300c06082b060102010101000500";

    /// <summary><c>snmpset -v2c -c private …6051.1.1.1.5.330100001 u 8000 …99.1.0 i -5 …99.2.0 s hello</c>.</summary>
    internal const string SnmpSetRequest =
        "3058020101040770726976617465a34a020460aeeb39020100020100303c301806122b060104019e3eaf2301010105819db3da2142021f40"
        + "300d06082b060104016301000201fb301106082b06010401630200040568656c6c6f";

    /// <summary><c>snmpbulkget -v2c -c public -Cn1 -Cr5 sysUpTime.0 interfaces</c>.</summary>
    internal const string SnmpBulkGetRequest =
        "303502010104067075626c6963a52802046f77e2e8020101020105301a300c06082b060102010103000500300a06062b06010201020500";

    /// <summary>snmpd's answer to a GET of sysDescr, sysObjectID, sysUpTime, a missing object and a missing instance.</summary>
    internal const string SnmpdGetResponse =
        "307502010104067075626c6963a26802043817d5f4020100020100305a301506082b060102010101000409546573744465736372"
        + "301606082b06010201010200060a2b06010401bf0803020a300e06082b06010201010300430201fa300b06072b0601020163008000"
        + "300c06082b060102010101018100";

    /// <summary>snmpd's answer to a GETNEXT yielding Counter32, Counter64, IpAddress and Gauge32.</summary>
    internal const string SnmpdGetNextResponse =
        "306b02010104067075626c6963a25e02044c2a4cd502010002010030503010060a2b060102010202010a014102140e3011060b2b06010201"
        + "1f01010106014602140e3015060d2b06010201041401017f00000140047f0000013012060a2b060102010202010501420400989680";

    [Fact]
    public void SnmpGetRequest_Decodes()
    {
        var message = CommunityMessageCodec.Decode(Hex.Bytes(SnmpGetRequest));

        Assert.Equal(SnmpVersion.V2c, message.Version);
        Assert.Equal("public"u8.ToArray(), message.Community.ToArray());
        Assert.Equal(SnmpPduType.GetRequest, message.Pdu.Type);
        Assert.Equal(0x0f5d9609, message.Pdu.RequestId);
        Assert.Equal([new VarBind(ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0"), SnmpValue.Null)], message.Pdu.VarBinds);
    }

    [Fact]
    public void SnmpGetRequest_ReencodesToTheSameBytes()
    {
        var bytes = Hex.Bytes(SnmpGetRequest);
        Assert.Equal(bytes, CommunityMessageCodec.Encode(CommunityMessageCodec.Decode(bytes)));
    }

    [Fact]
    public void SnmpSetRequest_DecodesTypesIUS()
    {
        var message = CommunityMessageCodec.Decode(Hex.Bytes(SnmpSetRequest));

        Assert.Equal(SnmpPduType.SetRequest, message.Pdu.Type);
        Assert.Equal("private"u8.ToArray(), message.Community.ToArray());
        Assert.Equal(
            [
                new VarBind(ObjectIdentifier.Parse("1.3.6.1.4.1.3902.6051.1.1.1.5.330100001"), new SnmpGauge32(8000)),
                new VarBind(ObjectIdentifier.Parse("1.3.6.1.4.1.99.1.0"), new SnmpInteger(-5)),
                new VarBind(ObjectIdentifier.Parse("1.3.6.1.4.1.99.2.0"), SnmpOctetString.FromString("hello")),
            ],
            message.Pdu.VarBinds);
        Assert.Equal(Hex.Bytes(SnmpSetRequest), CommunityMessageCodec.Encode(message));
    }

    [Fact]
    public void SnmpBulkGetRequest_Decodes()
    {
        var message = CommunityMessageCodec.Decode(Hex.Bytes(SnmpBulkGetRequest));

        Assert.Equal(SnmpPduType.GetBulkRequest, message.Pdu.Type);
        Assert.Equal(1, message.Pdu.NonRepeaters);
        Assert.Equal(5, message.Pdu.MaxRepetitions);
        Assert.Equal(2, message.Pdu.VarBinds.Count);
    }

    [Fact]
    public void SnmpdGetResponse_DecodesValuesAndExceptions()
    {
        var message = CommunityMessageCodec.Decode(Hex.Bytes(SnmpdGetResponse));

        Assert.Equal(SnmpPduType.Response, message.Pdu.Type);
        Assert.Equal(SnmpErrorStatus.NoError, message.Pdu.Status);
        Assert.Equal(
            [
                SnmpOctetString.FromString("TestDescr"),
                new SnmpObjectIdentifierValue(ObjectIdentifier.Parse("1.3.6.1.4.1.8072.3.2.10")),
                new SnmpTimeTicks(506),
                SnmpValue.NoSuchObject,
                SnmpValue.NoSuchInstance,
            ],
            message.Pdu.VarBinds.Select(v => v.Value));
    }

    [Fact]
    public void SnmpdGetNextResponse_DecodesApplicationTypes()
    {
        var message = CommunityMessageCodec.Decode(Hex.Bytes(SnmpdGetNextResponse));

        Assert.Equal(
            [
                new VarBind(ObjectIdentifier.Parse("1.3.6.1.2.1.2.2.1.10.1"), new SnmpCounter32(5134)),
                new VarBind(ObjectIdentifier.Parse("1.3.6.1.2.1.31.1.1.1.6.1"), new SnmpCounter64(5134)),
                new VarBind(ObjectIdentifier.Parse("1.3.6.1.2.1.4.20.1.1.127.0.0.1"), new SnmpIpAddress(IPAddress.Loopback)),
                new VarBind(ObjectIdentifier.Parse("1.3.6.1.2.1.2.2.1.5.1"), new SnmpGauge32(10_000_000)),
            ],
            message.Pdu.VarBinds);
        Assert.Equal(Hex.Bytes(SnmpdGetNextResponse), CommunityMessageCodec.Encode(message));
    }
}
