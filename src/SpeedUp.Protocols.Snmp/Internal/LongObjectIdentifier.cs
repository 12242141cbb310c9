namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>
/// Decodes OBJECT IDENTIFIER contents of 65 to 128 arcs, which <see cref="System.Formats.Asn1.AsnReader"/>
/// refuses ("limited to 64 arcs") although RFC 2578 §3.5 allows them. Only the contents octets are
/// decoded here (X.690 §8.19.2–8.19.4); the tag and length were read by the runtime.
/// </summary>
internal static class LongObjectIdentifier
{
    public static ObjectIdentifier Decode(ReadOnlySpan<byte> content)
    {
        Span<uint> arcs = stackalloc uint[ObjectIdentifier.MaxSubIdentifiers];
        var count = 0;
        var position = 0;
        while (position < content.Length)
        {
            if (content[position] == 0x80)
            {
                throw new SnmpDecodingException("An OBJECT IDENTIFIER sub-identifier has a redundant leading octet (X.690 §8.19.2).");
            }

            ulong value = 0;
            byte octet;
            do
            {
                if (position == content.Length || value > (uint.MaxValue + 80UL) >> 7)
                {
                    throw new SnmpDecodingException("An OBJECT IDENTIFIER sub-identifier is truncated or exceeds 2^32.");
                }

                octet = content[position++];
                value = (value << 7) | (uint)(octet & 0x7f);
            }
            while ((octet & 0x80) != 0);

            if (count == 0)
            {
                var first = value < 80 ? value / 40 : 2;
                arcs[count++] = (uint)first;
                value -= first * 40;
            }

            if (value > uint.MaxValue || count == arcs.Length)
            {
                throw new SnmpDecodingException("An OBJECT IDENTIFIER breaks the RFC 2578 limits (at most 128 sub-identifiers, each below 2^32).");
            }

            arcs[count++] = (uint)value;
        }

        return new ObjectIdentifier(arcs[..count]);
    }
}
