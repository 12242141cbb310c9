using System.Formats.Asn1;
using System.Net;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>The <c>ObjectSyntax</c> choice of a VarBind value, and the exceptions (RFC 3416 §3, RFC 2578 §7.1).</summary>
internal static class SnmpValueCodec
{
    public static SnmpValue Read(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.IsConstructed)
        {
            throw new SnmpDecodingException("A VarBind value must be primitive, found " + tag + ".");
        }

        return (tag.TagClass, tag.TagValue) switch
        {
            (TagClass.Universal, (int)UniversalTagNumber.Integer) => new SnmpInteger(BerReading.ReadInt32(reader)),
            (TagClass.Universal, (int)UniversalTagNumber.OctetString) =>
                new SnmpOctetString(BerReading.ReadPrimitiveOctetString(reader, Asn1Tag.PrimitiveOctetString)),
            (TagClass.Universal, (int)UniversalTagNumber.Null) => ReadNull(reader, Asn1Tag.Null, SnmpValue.Null),
            (TagClass.Universal, (int)UniversalTagNumber.ObjectIdentifier) =>
                new SnmpObjectIdentifierValue(ObjectIdentifierCodec.Read(reader)),
            (TagClass.Application, 0) => ReadIpAddress(reader),
            (TagClass.Application, 1) => new SnmpCounter32((uint)BerReading.ReadUnsigned(reader, SnmpTags.Counter32, 32)),
            (TagClass.Application, 2) => new SnmpGauge32((uint)BerReading.ReadUnsigned(reader, SnmpTags.Gauge32, 32)),
            (TagClass.Application, 3) => new SnmpTimeTicks((uint)BerReading.ReadUnsigned(reader, SnmpTags.TimeTicks, 32)),
            (TagClass.Application, 4) => new SnmpOpaque(BerReading.ReadPrimitiveOctetString(reader, SnmpTags.Opaque)),
            (TagClass.Application, 6) => new SnmpCounter64(BerReading.ReadUnsigned(reader, SnmpTags.Counter64, 64)),
            (TagClass.ContextSpecific, 0) => ReadNull(reader, SnmpTags.NoSuchObject, SnmpValue.NoSuchObject),
            (TagClass.ContextSpecific, 1) => ReadNull(reader, SnmpTags.NoSuchInstance, SnmpValue.NoSuchInstance),
            (TagClass.ContextSpecific, 2) => ReadNull(reader, SnmpTags.EndOfMibView, SnmpValue.EndOfMibView),
            _ => throw new SnmpDecodingException("Unknown VarBind value type " + tag + "."),
        };
    }

    public static void Write(AsnWriter writer, SnmpValue value)
    {
        switch (value)
        {
            case SnmpInteger v: writer.WriteInteger(v.Value); break;
            case SnmpOctetString v: writer.WriteOctetString(v.Value.Span); break;
            case SnmpNull: writer.WriteNull(); break;
            case SnmpObjectIdentifierValue v: ObjectIdentifierCodec.Write(writer, v.Value); break;
            case SnmpIpAddress v: writer.WriteOctetString(v.Value.GetAddressBytes(), SnmpTags.IpAddress); break;
            case SnmpCounter32 v: writer.WriteInteger((ulong)v.Value, SnmpTags.Counter32); break;
            case SnmpGauge32 v: writer.WriteInteger((ulong)v.Value, SnmpTags.Gauge32); break;
            case SnmpTimeTicks v: writer.WriteInteger((ulong)v.Value, SnmpTags.TimeTicks); break;
            case SnmpOpaque v: writer.WriteOctetString(v.Value.Span, SnmpTags.Opaque); break;
            case SnmpCounter64 v: writer.WriteInteger(v.Value, SnmpTags.Counter64); break;
            case SnmpNoSuchObject: writer.WriteNull(SnmpTags.NoSuchObject); break;
            case SnmpNoSuchInstance: writer.WriteNull(SnmpTags.NoSuchInstance); break;
            case SnmpEndOfMibView: writer.WriteNull(SnmpTags.EndOfMibView); break;
            default: throw new SnmpException("Cannot encode SNMP value of type " + value.GetType().Name + ".");
        }
    }

    /// <summary>Whether SNMPv1 can carry the value (it has neither Counter64 nor the exceptions; RFC 2576 §4.1).</summary>
    public static bool IsV1Compatible(SnmpValue value) => value is not SnmpCounter64 && !value.IsException;

    private static SnmpValue ReadNull(AsnReader reader, Asn1Tag tag, SnmpValue value)
    {
        reader.ReadNull(tag);
        return value;
    }

    private static SnmpIpAddress ReadIpAddress(AsnReader reader)
    {
        var bytes = BerReading.ReadPrimitiveOctetString(reader, SnmpTags.IpAddress);
        return bytes.Length == 4
            ? new SnmpIpAddress(new IPAddress(bytes))
            : throw new SnmpDecodingException("An IpAddress must hold 4 octets.");
    }
}
