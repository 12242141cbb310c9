using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Drivers.Zte.Internal;

/// <summary>The OIDs of the ZTE-style subscriber MIB (docs/simulator.md, "MIB").</summary>
internal static class ZteSubscriberMib
{
    public static readonly ObjectIdentifier SysDescr = ObjectIdentifier.Parse("1.3.6.1.2.1.1.1.0");
    public static readonly ObjectIdentifier SysUpTime = ObjectIdentifier.Parse("1.3.6.1.2.1.1.3.0");
    public static readonly ObjectIdentifier SysName = ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0");

    /// <summary><c>zxBrasSubscriberMIB</c>.</summary>
    public static readonly ObjectIdentifier Root = ObjectIdentifier.Parse("1.3.6.1.4.1.3902.6051");

    /// <summary>The subscriber table's entry; columns 1–9 indexed by band id.</summary>
    public static readonly ObjectIdentifier SubscriberEntry = Root.Append(1, 1, 1);

    /// <summary><c>zxSubByAddrBandId</c>, indexed by a.b.c.d.portLast.</summary>
    public static readonly ObjectIdentifier ByAddrBandId = Root.Append(1, 2, 1, 1);

    public const uint Account = 1;
    public const uint IpAddress = 2;
    public const uint PortFirst = 3;
    public const uint PortLast = 4;
    public const uint UpRateKbps = 5;
    public const uint DownRateKbps = 6;
    public const uint MaxUpKbps = 7;
    public const uint MaxDownKbps = 8;
    public const uint SpeedUpPermitted = 9;

    /// <summary>The cell of <paramref name="column"/> for <paramref name="bandId"/>.</summary>
    public static ObjectIdentifier Cell(uint column, long bandId) => SubscriberEntry.Append(column, (uint)bandId);

    /// <summary>All nine columns of a row, in column order.</summary>
    public static ObjectIdentifier[] Row(long bandId) =>
        [.. Enumerable.Range(1, 9).Select(column => Cell((uint)column, bandId))];

    /// <summary>The rate column of a direction.</summary>
    public static uint RateColumn(Direction direction) => direction == Direction.Up ? UpRateKbps : DownRateKbps;
}
