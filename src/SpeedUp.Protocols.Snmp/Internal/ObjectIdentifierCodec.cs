using System.Formats.Asn1;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>OBJECT IDENTIFIER (X.690 §8.19) with the RFC 2578 §3.5 limits.</summary>
internal static class ObjectIdentifierCodec
{
    public static ObjectIdentifier Read(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.IsConstructed || !tag.HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
        {
            throw new SnmpDecodingException("Expected an OBJECT IDENTIFIER but found " + tag + ".");
        }

        if (reader.PeekContentBytes().Length > SnmpCodecLimits.MaxOidContentLength)
        {
            throw new SnmpDecodingException("An OBJECT IDENTIFIER exceeds 128 sub-identifiers.");
        }

        var dotted = reader.ReadObjectIdentifier();
        return ObjectIdentifier.TryParse(dotted, out var oid)
            ? oid
            : throw new SnmpDecodingException("An OBJECT IDENTIFIER breaks the RFC 2578 limits (at most 128 sub-identifiers, each below 2^32).");
    }

    public static void Write(AsnWriter writer, ObjectIdentifier oid) => writer.WriteObjectIdentifier(oid.ToString());
}
