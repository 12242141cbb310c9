using System.Net;
using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Drivers.Zte.Internal;

/// <summary>Turns the nine columns of one subscriber row into a <see cref="SubscriberLine"/>.</summary>
internal static class ZteLineRow
{
    /// <summary>The line, or null when the agent reports the row absent (noSuchInstance / noSuchObject).</summary>
    /// <exception cref="DriverException">A column has a type or value the MIB does not allow (ProtocolError).</exception>
    public static SubscriberLine? Parse(long bandId, IReadOnlyList<VarBind> row)
    {
        if (row.Count != 9)
        {
            throw Malformed("the agent answered " + row.Count + " of 9 columns");
        }

        if (row.Any(v => v.Value.IsException))
        {
            return null;
        }

        var account = row[0].Value as SnmpOctetString ?? throw Malformed("zxSubAccount is not an OCTET STRING");
        var address = row[1].Value as SnmpIpAddress ?? throw Malformed("zxSubIpAddress is not an IpAddress");
        var permitted = Number(row[8], "zxSubSpeedUpPermitted");
        if (permitted is not (1 or 2))
        {
            throw Malformed("zxSubSpeedUpPermitted is not a TruthValue");
        }

        var ports = new PortRange((int)Number(row[2], "zxSubPortFirst"), (int)Number(row[3], "zxSubPortLast"));
        return new SubscriberLine(
            bandId,
            account.ToString(),
            address.Value,
            ports,
            new LineRates(Number(row[4], "zxSubUpRateKbps"), Number(row[5], "zxSubDownRateKbps")),
            new LineCapability(Number(row[6], "zxSubMaxUpKbps"), Number(row[7], "zxSubMaxDownKbps"), permitted == 1));
    }

    /// <summary>A Gauge32 (or INTEGER, which some firmware answers) as a number.</summary>
    public static long Number(VarBind varBind, string column) => varBind.Value switch
    {
        SnmpGauge32 gauge => gauge.Value,
        SnmpInteger integer => integer.Value,
        SnmpCounter32 counter => counter.Value,
        _ => throw Malformed(column + " has an unexpected type"),
    };

    public static DriverException Malformed(string detail) =>
        new(DriverFailure.ProtocolError, "The ZTE SNMP agent's answer could not be understood: " + detail + ".");

    /// <summary>Whether an address can appear in the IPv4-indexed MIB.</summary>
    public static bool TryGetIPv4(IPAddress address, out byte[] octets)
    {
        var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        octets = v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? v4.GetAddressBytes() : [];
        return octets.Length == 4;
    }
}
