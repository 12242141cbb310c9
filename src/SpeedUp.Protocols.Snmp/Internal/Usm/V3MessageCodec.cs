using System.Formats.Asn1;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// Encodes and decodes <c>SNMPv3Message ::= SEQUENCE { msgVersion INTEGER (3), msgGlobalData HeaderData,
/// msgSecurityParameters OCTET STRING, msgData ScopedPduData }</c> with <c>HeaderData ::= SEQUENCE { msgID,
/// msgMaxSize INTEGER (484..2147483647), msgFlags OCTET STRING (SIZE(1)), msgSecurityModel }</c> and
/// <c>ScopedPduData ::= CHOICE { plaintext ScopedPDU, encryptedPDU OCTET STRING }</c> (RFC 3412 §6).
/// Only the USM (security model 3) is understood.
/// </summary>
internal static class V3MessageCodec
{
    /// <summary>Decodes one datagram. Every malformation surfaces as <see cref="SnmpDecodingException"/>.</summary>
    public static V3Message Decode(ReadOnlyMemory<byte> datagram, int maxDatagramSize = SnmpCodecLimits.MaxUdpPayload)
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
            if (BerReading.ReadInt32(message) != SnmpCodecLimits.SnmpV3Version)
            {
                throw new SnmpDecodingException("Not an SNMPv3 message.");
            }

            var (messageId, maxSize, flags) = ReadHeaderData(message);
            var security = ReadSecurityParameters(message, datagram, out var authOffset);
            ScopedPdu? scoped = null;
            byte[]? encrypted = null;
            if ((flags & V3MessageFlags.Priv) != 0)
            {
                encrypted = BerReading.ReadPrimitiveOctetString(message, Asn1Tag.PrimitiveOctetString);
            }
            else
            {
                scoped = ScopedPduCodec.Read(message);
            }

            message.ThrowIfNotEmpty();
            return new V3Message(messageId, maxSize, flags, security, authOffset, scoped, encrypted);
        }
        catch (AsnContentException e)
        {
            throw new SnmpDecodingException("Malformed BER: " + e.Message, e);
        }
    }

    /// <summary>Encodes a message whose msgData is <paramref name="data"/>: the encoded ScopedPDU, or the
    /// ciphertext when <paramref name="flags"/> has Priv. Returns the offset of msgAuthenticationParameters.</summary>
    public static byte[] Encode(
        int messageId, int maxSize, V3MessageFlags flags, UsmSecurityParameters security, byte[] data, out int authParametersOffset)
    {
        var writer = new AsnWriter(BerReading.Rules);
        using (writer.PushSequence())
        {
            writer.WriteInteger(SnmpCodecLimits.SnmpV3Version);
            using (writer.PushSequence())
            {
                writer.WriteInteger(messageId);
                writer.WriteInteger(maxSize);
                writer.WriteOctetString([(byte)flags]);
                writer.WriteInteger(SnmpCodecLimits.UsmSecurityModel);
            }

            writer.WriteOctetString(UsmSecurityParametersCodec.Encode(security));
            if ((flags & V3MessageFlags.Priv) != 0)
            {
                writer.WriteOctetString(data);
            }
            else
            {
                writer.WriteEncodedValue(data);
            }
        }

        var encoded = writer.Encode();
        authParametersOffset = LocateAuthParameters(encoded);
        return encoded;
    }

    /// <summary>Where msgAuthenticationParameters' contents start in an encoded message.</summary>
    private static int LocateAuthParameters(byte[] encoded)
    {
        var message = new AsnReader(encoded, BerReading.Rules).ReadSequence();
        message.ReadEncodedValue();
        message.ReadEncodedValue();
        ReadSecurityParameters(message, encoded, out var offset);
        return offset;
    }

    private static (int MessageId, int MaxSize, V3MessageFlags Flags) ReadHeaderData(AsnReader message)
    {
        var header = BerReading.ReadDefiniteSequence(message, Asn1Tag.Sequence);
        var messageId = BerReading.ReadInt32(header);
        var maxSize = BerReading.ReadInt32(header);
        var flags = BerReading.ReadPrimitiveOctetString(header, Asn1Tag.PrimitiveOctetString);
        var securityModel = BerReading.ReadInt32(header);
        header.ThrowIfNotEmpty();
        if (messageId < 0 || maxSize < SnmpCodecLimits.MinMessageSize)
        {
            throw new SnmpDecodingException("msgID is negative or msgMaxSize is below 484 (RFC 3412 §6).");
        }

        if (flags.Length != 1 || (flags[0] & (int)V3MessageFlags.Priv) != 0 && (flags[0] & (int)V3MessageFlags.Auth) == 0)
        {
            throw new SnmpDecodingException("msgFlags must be one octet and Priv needs Auth (RFC 3412 §7.2 step 5).");
        }

        if (securityModel != SnmpCodecLimits.UsmSecurityModel)
        {
            throw new SnmpDecodingException("Unsupported msgSecurityModel " + securityModel + " (only the USM, 3).");
        }

        return (messageId, maxSize, (V3MessageFlags)(flags[0] & 0x07));
    }

    private static UsmSecurityParameters ReadSecurityParameters(AsnReader message, ReadOnlyMemory<byte> whole, out int authOffset)
    {
        if (message.PeekTag() != Asn1Tag.PrimitiveOctetString)
        {
            throw new SnmpDecodingException("msgSecurityParameters must be a primitive OCTET STRING.");
        }

        var content = message.PeekContentBytes();
        var security = UsmSecurityParametersCodec.Decode(content, out var auth);
        message.ReadEncodedValue();
        if (!whole.Span.Overlaps(auth.Span, out authOffset))
        {
            authOffset = -1;
        }

        return security;
    }
}
