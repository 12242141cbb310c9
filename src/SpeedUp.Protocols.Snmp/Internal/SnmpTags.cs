using System.Formats.Asn1;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>The SMIv2 application tags (RFC 2578 §7.1) and the exception tags (RFC 3416 §3).</summary>
internal static class SnmpTags
{
    public static readonly Asn1Tag IpAddress = new(TagClass.Application, 0);
    public static readonly Asn1Tag Counter32 = new(TagClass.Application, 1);
    public static readonly Asn1Tag Gauge32 = new(TagClass.Application, 2);
    public static readonly Asn1Tag TimeTicks = new(TagClass.Application, 3);
    public static readonly Asn1Tag Opaque = new(TagClass.Application, 4);
    public static readonly Asn1Tag Counter64 = new(TagClass.Application, 6);
    public static readonly Asn1Tag NoSuchObject = new(TagClass.ContextSpecific, 0);
    public static readonly Asn1Tag NoSuchInstance = new(TagClass.ContextSpecific, 1);
    public static readonly Asn1Tag EndOfMibView = new(TagClass.ContextSpecific, 2);

    /// <summary>The constructed context tag of a PDU choice.</summary>
    public static Asn1Tag Pdu(SnmpPduType type) => new(TagClass.ContextSpecific, (int)type, isConstructed: true);
}
