using System.Formats.Asn1;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>Encodes and decodes the ScopedPDU (RFC 3412 §6.8), plaintext or after decryption.</summary>
internal static class ScopedPduCodec
{
    /// <summary>Decodes a ScopedPDU. <paramref name="allowTrailing"/> admits the padding a decrypted ScopedPDU
    /// may carry (DES-CBC, RFC 3414 §8.1.1.3; zero-padded AES-CFB from pysnmp 4.4), as net-snmp does.</summary>
    public static ScopedPdu Decode(ReadOnlyMemory<byte> encoded, bool allowTrailing)
    {
        try
        {
            var outer = new AsnReader(encoded, BerReading.Rules);
            var scoped = Read(outer);
            if (!allowTrailing)
            {
                outer.ThrowIfNotEmpty();
            }

            return scoped;
        }
        catch (AsnContentException e)
        {
            throw new SnmpDecodingException("Malformed ScopedPDU: " + e.Message, e);
        }
    }

    /// <summary>Reads a ScopedPDU SEQUENCE from <paramref name="reader"/>.</summary>
    public static ScopedPdu Read(AsnReader reader)
    {
        var sequence = BerReading.ReadDefiniteSequence(reader, Asn1Tag.Sequence);
        var contextEngineId = BerReading.ReadPrimitiveOctetString(sequence, Asn1Tag.PrimitiveOctetString);
        var contextName = BerReading.ReadPrimitiveOctetString(sequence, Asn1Tag.PrimitiveOctetString);
        if (contextEngineId.Length > SnmpCodecLimits.MaxEngineIdLength || contextName.Length > SnmpCodecLimits.MaxAdminStringLength)
        {
            throw new SnmpDecodingException("contextEngineID or contextName is longer than 32 octets.");
        }

        var pdu = SnmpPduCodec.Read(sequence);
        sequence.ThrowIfNotEmpty();
        return new ScopedPdu(contextEngineId, contextName, pdu);
    }

    public static byte[] Encode(ScopedPdu scoped)
    {
        var writer = new AsnWriter(BerReading.Rules);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(scoped.ContextEngineId);
            writer.WriteOctetString(scoped.ContextName);
            SnmpPduCodec.Write(writer, scoped.Pdu);
        }

        return writer.Encode();
    }
}
