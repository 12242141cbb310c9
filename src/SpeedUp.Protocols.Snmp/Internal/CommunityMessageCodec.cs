using System.Formats.Asn1;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>Encodes and decodes community-based messages (RFC 1157 §4, RFC 1901 §3).</summary>
internal static class CommunityMessageCodec
{
    /// <summary>Decodes one datagram. Every malformation surfaces as <see cref="SnmpDecodingException"/>.</summary>
    public static CommunityMessage Decode(ReadOnlyMemory<byte> datagram, int maxDatagramSize = SnmpCodecLimits.MaxUdpPayload)
    {
        if (datagram.Length > maxDatagramSize)
        {
            throw new SnmpDecodingException("The datagram exceeds " + maxDatagramSize + " bytes.");
        }

        try
        {
            var outer = new AsnReader(datagram, BerReading.Rules);
            var message = BerReading.ReadDefiniteSequence(outer, Asn1Tag.Sequence);
            outer.ThrowIfNotEmpty();
            var version = BerReading.ReadInt32(message);
            if (version is not ((int)SnmpVersion.V1 or (int)SnmpVersion.V2c))
            {
                throw new SnmpDecodingException(version == SnmpCodecLimits.SnmpV3Version
                    ? "An SNMPv3 message is not a community-based message."
                    : "Unknown SNMP version " + version + ".");
            }

            var community = BerReading.ReadPrimitiveOctetString(message, Asn1Tag.PrimitiveOctetString);
            var pdu = SnmpPduCodec.Read(message);
            message.ThrowIfNotEmpty();
            var result = new CommunityMessage((SnmpVersion)version, community, pdu);
            if (result.Version == SnmpVersion.V1 && !IsV1Compatible(pdu))
            {
                throw new SnmpDecodingException("An SNMPv1 message carries a PDU or value SNMPv1 does not have.");
            }

            return result;
        }
        catch (AsnContentException e)
        {
            throw new SnmpDecodingException("Malformed BER: " + e.Message, e);
        }
    }

    /// <summary>Encodes a message; throws <see cref="SnmpException"/> for content SNMPv1 cannot carry.</summary>
    public static byte[] Encode(CommunityMessage message)
    {
        if (message.Version == SnmpVersion.V1 && !IsV1Compatible(message.Pdu))
        {
            throw new SnmpException("SNMPv1 has no GetBulk, Inform, Report, Counter64 or exception values.");
        }

        var writer = new AsnWriter(BerReading.Rules);
        using (writer.PushSequence())
        {
            writer.WriteInteger((int)message.Version);
            writer.WriteOctetString(message.Community.Span);
            SnmpPduCodec.Write(writer, message.Pdu);
        }

        return writer.Encode();
    }

    private static bool IsV1Compatible(SnmpPdu pdu) =>
        pdu.Type is SnmpPduType.GetRequest or SnmpPduType.GetNextRequest or SnmpPduType.Response or SnmpPduType.SetRequest
        && pdu.VarBinds.All(v => SnmpValueCodec.IsV1Compatible(v.Value));
}
