using SpeedUp.Protocols.Snmp.Internal;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests;

/// <summary>Agents that mis-encode unsigned values (and redundant leading octets) are still understood.</summary>
public class LenientDecodingTests
{
    public static TheoryData<string, SnmpValue> Cases() => new()
    {
        { "410500ffffffff", new SnmpCounter32(uint.MaxValue) },
        { "4104ffffffff", new SnmpCounter32(uint.MaxValue) },
        { "410180", new SnmpCounter32(128) },
        { "4203000005", new SnmpGauge32(5) },
        { "430480000000", new SnmpTimeTicks(0x80000000) },
        { "4206000000000001", new SnmpGauge32(1) },
        { "460900ffffffffffffffff", new SnmpCounter64(ulong.MaxValue) },
        { "4608ffffffffffffffff", new SnmpCounter64(ulong.MaxValue) },
        { "020300ff85", new SnmpInteger(0xff85) },
        { "0203000005", new SnmpInteger(5) },
        { "0203ffff80", new SnmpInteger(-128) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MisEncodedNumbers_Decode(string valueHex, SnmpValue expected) =>
        Assert.Equal(expected, CommunityMessageCodec.Decode(RawMessage.WithValue(valueHex)).Pdu.VarBinds[0].Value);
}
