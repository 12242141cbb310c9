using System.Formats.Asn1;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>Reads the version field every SNMP message starts with (RFC 1157 §4, RFC 1901 §3, RFC 3412 §6), to pick a decoder.</summary>
internal static class MessageVersion
{
    /// <summary>The message's version, or null when the datagram does not start like an SNMP message.</summary>
    public static int? Peek(ReadOnlyMemory<byte> datagram)
    {
        try
        {
            var outer = new AsnReader(datagram, BerReading.Rules);
            if (outer.PeekTag() != Asn1Tag.Sequence)
            {
                return null;
            }

            var message = new AsnReader(outer.PeekContentBytes(), BerReading.Rules);
            return message.TryReadInt32(out var version) ? version : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
