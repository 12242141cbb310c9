namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>Maps FreeRADIUS type names (case-insensitive, <c>octets[16]</c> size suffix ignored) to <see cref="RadiusDataType"/>.</summary>
internal static class DataTypeNames
{
    private static readonly Dictionary<string, RadiusDataType> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["string"] = RadiusDataType.String,
        ["text"] = RadiusDataType.String,
        ["octets"] = RadiusDataType.Octets,
        ["integer"] = RadiusDataType.Integer,
        ["uint32"] = RadiusDataType.Integer,
        ["ipaddr"] = RadiusDataType.IpAddr,
        ["ipv4addr"] = RadiusDataType.IpAddr,
        ["date"] = RadiusDataType.Date,
        ["time"] = RadiusDataType.Date,
        ["ipv6addr"] = RadiusDataType.Ipv6Addr,
        ["ipv6prefix"] = RadiusDataType.Ipv6Prefix,
        ["ipv4prefix"] = RadiusDataType.Ipv4Prefix,
        ["byte"] = RadiusDataType.Byte,
        ["uint8"] = RadiusDataType.Byte,
        ["short"] = RadiusDataType.Short,
        ["uint16"] = RadiusDataType.Short,
        ["integer64"] = RadiusDataType.Integer64,
        ["uint64"] = RadiusDataType.Integer64,
        ["signed"] = RadiusDataType.Signed,
        ["int32"] = RadiusDataType.Signed,
        ["ether"] = RadiusDataType.Ether,
        ["ifid"] = RadiusDataType.InterfaceId,
        ["abinary"] = RadiusDataType.ABinary,
        ["combo-ip"] = RadiusDataType.ComboIp,
        ["tlv"] = RadiusDataType.Tlv,
        ["extended"] = RadiusDataType.Extended,
        ["long-extended"] = RadiusDataType.LongExtended,
        ["evs"] = RadiusDataType.ExtendedVendorSpecific,
        ["vsa"] = RadiusDataType.VendorSpecific,
    };

    /// <summary>The type of <paramref name="name"/>; octets for a name this stack does not know.</summary>
    public static RadiusDataType Parse(string name)
    {
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        var bare = bracket > 0 ? name[..bracket] : name;
        return Known.TryGetValue(bare, out var type) ? type : RadiusDataType.Octets;
    }
}
