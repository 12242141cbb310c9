using System.Formats.Asn1;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>
/// The PDUs of RFC 3416 §3: <c>[n] IMPLICIT SEQUENCE { request-id, error-status, error-index, variable-bindings }</c>
/// (GetBulkRequest-PDU has the same shape with non-repeaters and max-repetitions).
/// </summary>
internal static class SnmpPduCodec
{
    public static SnmpPdu Read(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.TagClass != TagClass.ContextSpecific || !tag.IsConstructed || !Enum.IsDefined((SnmpPduType)tag.TagValue))
        {
            throw new SnmpDecodingException("Unsupported PDU " + tag + ".");
        }

        var pdu = BerReading.ReadDefiniteSequence(reader, tag);
        var requestId = BerReading.ReadInt32(pdu);
        var errorStatus = BerReading.ReadInt32(pdu);
        var errorIndex = BerReading.ReadInt32(pdu);
        var varBinds = VarBindListCodec.Read(pdu);
        pdu.ThrowIfNotEmpty();
        return new SnmpPdu((SnmpPduType)tag.TagValue, requestId, errorStatus, errorIndex, varBinds);
    }

    public static void Write(AsnWriter writer, SnmpPdu pdu)
    {
        using (writer.PushSequence(SnmpTags.Pdu(pdu.Type)))
        {
            writer.WriteInteger(pdu.RequestId);
            writer.WriteInteger(pdu.ErrorStatus);
            writer.WriteInteger(pdu.ErrorIndex);
            VarBindListCodec.Write(writer, pdu.VarBinds);
        }
    }
}
