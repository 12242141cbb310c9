using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Simulator;

/// <summary>OIDs of the simulator's MIB: the system group and the ZTE-style zxBrasSubscriberMIB (enterprises.3902.6051).</summary>
public static class MibOids
{
    public static readonly ObjectIdentifier System = ObjectIdentifier.Parse("1.3.6.1.2.1.1");
    public static readonly ObjectIdentifier SysDescr = ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0");
    public static readonly ObjectIdentifier SysUpTime = ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0");
    public static readonly ObjectIdentifier SysName = ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0");

    /// <summary>zxBrasSubscriberMIB.</summary>
    public static readonly ObjectIdentifier SubscriberMib = ObjectIdentifier.Parse("1.3.6.1.4.1.3902.6051");

    /// <summary>zxSubEntry: columns 1–9, indexed by band id.</summary>
    public static readonly ObjectIdentifier SubscriberEntry = ObjectIdentifier.Parse("1.3.6.1.4.1.3902.6051.1.1.1");

    /// <summary>zxSubByAddrBandId: indexed by the four address bytes and the block's last port.</summary>
    public static readonly ObjectIdentifier ByAddrBandId = ObjectIdentifier.Parse("1.3.6.1.4.1.3902.6051.1.2.1.1");

    public static ObjectIdentifier Account(int bandId) => Column(1, bandId);

    public static ObjectIdentifier IpAddress(int bandId) => Column(2, bandId);

    public static ObjectIdentifier PortFirst(int bandId) => Column(3, bandId);

    public static ObjectIdentifier PortLast(int bandId) => Column(4, bandId);

    public static ObjectIdentifier UpRate(int bandId) => Column(5, bandId);

    public static ObjectIdentifier DownRate(int bandId) => Column(6, bandId);

    public static ObjectIdentifier MaxUp(int bandId) => Column(7, bandId);

    public static ObjectIdentifier MaxDown(int bandId) => Column(8, bandId);

    public static ObjectIdentifier SpeedUpPermitted(int bandId) => Column(9, bandId);

    /// <summary>zxSubByAddrBandId.a.b.c.d.portLast.</summary>
    public static ObjectIdentifier ByAddr(System.Net.IPAddress address, int portLast)
    {
        var b = address.GetAddressBytes();
        return ByAddrBandId.Append(b[0], b[1], b[2], b[3], (uint)portLast);
    }

    /// <summary>zxSubEntry.column.bandId.</summary>
    public static ObjectIdentifier Column(uint column, int bandId) => SubscriberEntry.Append(column, (uint)bandId);
}
