using System.Formats.Asn1;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// Encodes and decodes <c>UsmSecurityParameters ::= SEQUENCE { msgAuthoritativeEngineID OCTET STRING,
/// msgAuthoritativeEngineBoots INTEGER (0..2147483647), msgAuthoritativeEngineTime INTEGER (0..2147483647),
/// msgUserName OCTET STRING (SIZE(0..32)), msgAuthenticationParameters OCTET STRING,
/// msgPrivacyParameters OCTET STRING }</c> (RFC 3414 §2.4), carried in msgSecurityParameters.
/// </summary>
internal static class UsmSecurityParametersCodec
{
    /// <summary>Decodes the contents of msgSecurityParameters; <paramref name="authParameters"/> is the MAC's slice
    /// of <paramref name="content"/> (to locate it in the whole message for RFC 3414 §3.2 step 6).</summary>
    public static UsmSecurityParameters Decode(ReadOnlyMemory<byte> content, out ReadOnlyMemory<byte> authParameters)
    {
        var outer = new AsnReader(content, BerReading.Rules);
        var sequence = BerReading.ReadDefiniteSequence(outer, Asn1Tag.Sequence);
        outer.ThrowIfNotEmpty();
        var engineId = ReadBounded(sequence, SnmpCodecLimits.MaxEngineIdLength, "msgAuthoritativeEngineID");
        var boots = ReadNonNegative(sequence, "msgAuthoritativeEngineBoots");
        var time = ReadNonNegative(sequence, "msgAuthoritativeEngineTime");
        var userName = ReadBounded(sequence, SnmpCodecLimits.MaxAdminStringLength, "msgUserName");
        if (sequence.PeekTag().IsConstructed)
        {
            throw new SnmpDecodingException("Constructed OCTET STRINGs are not allowed in SNMP messages.");
        }

        authParameters = sequence.PeekContentBytes();
        var auth = ReadBounded(sequence, SnmpCodecLimits.MaxAuthParametersLength, "msgAuthenticationParameters");
        var priv = ReadBounded(sequence, SnmpCodecLimits.MaxPrivParametersLength, "msgPrivacyParameters");
        sequence.ThrowIfNotEmpty();
        return new UsmSecurityParameters(engineId, boots, time, userName, auth, priv);
    }

    /// <summary>Encodes the SEQUENCE (the caller wraps it in the msgSecurityParameters OCTET STRING).</summary>
    public static byte[] Encode(UsmSecurityParameters parameters)
    {
        var writer = new AsnWriter(BerReading.Rules);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(parameters.EngineId);
            writer.WriteInteger(parameters.EngineBoots);
            writer.WriteInteger(parameters.EngineTime);
            writer.WriteOctetString(parameters.UserName);
            writer.WriteOctetString(parameters.AuthParameters);
            writer.WriteOctetString(parameters.PrivParameters);
        }

        return writer.Encode();
    }

    private static byte[] ReadBounded(AsnReader reader, int maxLength, string field)
    {
        var value = BerReading.ReadPrimitiveOctetString(reader, Asn1Tag.PrimitiveOctetString);
        return value.Length <= maxLength
            ? value
            : throw new SnmpDecodingException(field + " is longer than " + maxLength + " octets.");
    }

    private static int ReadNonNegative(AsnReader reader, string field)
    {
        var value = BerReading.ReadInt32(reader);
        return value >= 0 ? value : throw new SnmpDecodingException(field + " is negative.");
    }
}
