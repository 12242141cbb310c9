#pragma warning disable CA1720 // The members are the dictionary's own type names (string, integer, short, signed).
namespace SpeedUp.Protocols.Radius;

/// <summary>
/// The data type of a dictionary attribute, as FreeRADIUS dictionaries name them (RFC 8044 names in brackets).
/// A type this stack does not know is loaded as <see cref="Octets"/>, its name kept in
/// <see cref="RadiusAttributeDefinition.TypeName"/>.
/// </summary>
public enum RadiusDataType
{
    /// <summary>Opaque octets.</summary>
    Octets = 0,

    /// <summary>UTF-8 text (text).</summary>
    String,

    /// <summary>32-bit unsigned (integer).</summary>
    Integer,

    /// <summary>IPv4 address (ipv4addr).</summary>
    IpAddr,

    /// <summary>Seconds since 1970 (time).</summary>
    Date,

    /// <summary>IPv6 address (ipv6addr).</summary>
    Ipv6Addr,

    /// <summary>IPv6 prefix (ipv6prefix).</summary>
    Ipv6Prefix,

    /// <summary>IPv4 prefix (ipv4prefix).</summary>
    Ipv4Prefix,

    /// <summary>8-bit unsigned.</summary>
    Byte,

    /// <summary>16-bit unsigned.</summary>
    Short,

    /// <summary>64-bit unsigned (integer64).</summary>
    Integer64,

    /// <summary>32-bit signed.</summary>
    Signed,

    /// <summary>Ethernet address, 6 octets.</summary>
    Ether,

    /// <summary>Interface id, 8 octets (ifid).</summary>
    InterfaceId,

    /// <summary>Ascend binary filter.</summary>
    ABinary,

    /// <summary>IPv4 or IPv6 address by length.</summary>
    ComboIp,

    /// <summary>A container of sub-attributes (tlv).</summary>
    Tlv,

    /// <summary>Extended attribute space (RFC 6929).</summary>
    Extended,

    /// <summary>Long extended attribute space (RFC 6929).</summary>
    LongExtended,

    /// <summary>Extended vendor-specific (evs, RFC 6929).</summary>
    ExtendedVendorSpecific,

    /// <summary>Vendor-Specific container (vsa).</summary>
    VendorSpecific,
}
