using System.Formats.Asn1;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>OBJECT IDENTIFIER (X.690 §8.19) with the RFC 2578 §3.5 limits.</summary>
internal static class ObjectIdentifierCodec
{
    /// <summary>System.Formats.Asn1 reads at most 64 arcs; RFC 2578 allows 128.</summary>
    private const int RuntimeMaxArcs = 64;

    public static ObjectIdentifier Read(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.IsConstructed || !tag.HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
        {
            throw new SnmpDecodingException("Expected an OBJECT IDENTIFIER but found " + tag + ".");
        }

        var content = reader.PeekContentBytes().Span;
        if (content.Length > SnmpCodecLimits.MaxOidContentLength)
        {
            throw new SnmpDecodingException("An OBJECT IDENTIFIER exceeds 128 sub-identifiers.");
        }

        // Each encoded sub-identifier ends with an octet whose top bit is clear; the first encodes two arcs.
        var arcs = CountTerminators(content) + 1;
        ObjectIdentifier? oid;
        if (arcs <= RuntimeMaxArcs)
        {
            if (!ObjectIdentifier.TryParse(reader.ReadObjectIdentifier(), out oid))
            {
                throw new SnmpDecodingException("An OBJECT IDENTIFIER breaks the RFC 2578 limits (each sub-identifier below 2^32).");
            }

            return oid;
        }

        oid = LongObjectIdentifier.Decode(content);
        reader.ReadEncodedValue();
        return oid;
    }

    public static void Write(AsnWriter writer, ObjectIdentifier oid) => writer.WriteObjectIdentifier(oid.ToString());

    private static int CountTerminators(ReadOnlySpan<byte> content)
    {
        var count = 0;
        foreach (var b in content)
        {
            if (b < 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
