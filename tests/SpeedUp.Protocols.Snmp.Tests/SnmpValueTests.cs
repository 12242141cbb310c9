using System.Net;

namespace SpeedUp.Protocols.Snmp.Tests;

public class SnmpValueTests
{
    [Fact]
    public void OctetString_EqualityByContent()
    {
        var a = new SnmpOctetString(new byte[] { 1, 2, 3 });
        var b = new SnmpOctetString(new byte[] { 0, 1, 2, 3 }.AsMemory(1));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new SnmpOctetString(new byte[] { 1, 2 }));
        Assert.NotEqual<SnmpValue>(a, new SnmpOpaque(new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void Opaque_EqualityByContent() =>
        Assert.Equal(new SnmpOpaque(new byte[] { 9, 8 }), new SnmpOpaque(new byte[] { 9, 8 }));

    [Fact]
    public void OctetString_FromString_IsUtf8AndToStringIsText()
    {
        var value = SnmpOctetString.FromString("联通 ok");
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes("联通 ok"), value.Value.ToArray());
        Assert.Equal("联通 ok", value.ToString());
    }

    [Fact]
    public void Exceptions_AreSingletons()
    {
        Assert.Same(SnmpNoSuchObject.Instance, SnmpValue.NoSuchObject);
        Assert.Same(SnmpNoSuchInstance.Instance, SnmpValue.NoSuchInstance);
        Assert.Same(SnmpEndOfMibView.Instance, SnmpValue.EndOfMibView);
        Assert.True(SnmpValue.EndOfMibView.IsException);
        Assert.False(new SnmpInteger(1).IsException);
        Assert.NotEqual<SnmpValue>(SnmpValue.NoSuchObject, SnmpValue.NoSuchInstance);
    }

    [Fact]
    public void Numbers_HaveValueEquality()
    {
        Assert.Equal(new SnmpGauge32(5), new SnmpGauge32(5));
        Assert.NotEqual<SnmpValue>(new SnmpGauge32(5), new SnmpCounter32(5));
        Assert.Equal(new VarBind(ObjectIdentifier.Parse("1.3.6"), new SnmpInteger(1)), new VarBind(ObjectIdentifier.Parse("1.3.6"), new SnmpInteger(1)));
    }

    [Fact]
    public void IpAddress_RejectsIpv6() =>
        Assert.Throws<ArgumentException>(() => new SnmpIpAddress(IPAddress.IPv6Loopback));
}
