using System.Formats.Asn1;
using System.Numerics;

namespace SpeedUp.Protocols.Snmp.Internal;

/// <summary>
/// Checks SNMP adds over <see cref="AsnReader"/>: definite lengths only, primitive values only,
/// and lenient integers (X.690 §8.3 allows no redundant leading octets; some agents send them anyway).
/// </summary>
internal static class BerReading
{
    public const AsnEncodingRules Rules = AsnEncodingRules.BER;

    /// <summary>Reads a constructed element with a definite length (X.690 §8.1.3.3); indefinite lengths are rejected.</summary>
    public static AsnReader ReadDefiniteSequence(AsnReader reader, Asn1Tag tag)
    {
        var encoded = reader.PeekEncodedValue().Span;
        Asn1Tag.Decode(encoded, out var tagLength);
        if (AsnDecoder.DecodeLength(encoded[tagLength..], Rules, out _) is null)
        {
            throw new SnmpDecodingException("Indefinite lengths are not allowed in SNMP messages.");
        }

        return reader.ReadSequence(tag);
    }

    /// <summary>Reads a signed INTEGER that must fit 32 bits, accepting redundant leading octets.</summary>
    public static int ReadInt32(AsnReader reader, Asn1Tag? tag = null)
    {
        var value = ReadBigInteger(reader, tag ?? Asn1Tag.Integer);
        if (value < int.MinValue || value > int.MaxValue)
        {
            throw new SnmpDecodingException("An INTEGER does not fit 32 bits.");
        }

        return (int)value;
    }

    /// <summary>
    /// Reads an unsigned integer of <paramref name="bits"/> bits. Lenient: a 0x00-prefixed or over-long
    /// encoding is accepted, and a negative-looking encoding no longer than the type is read as unsigned.
    /// </summary>
    public static ulong ReadUnsigned(AsnReader reader, Asn1Tag tag, int bits)
    {
        var content = ReadIntegerContent(reader, tag);
        var value = new BigInteger(content, isUnsigned: false, isBigEndian: true);
        if (value.Sign < 0)
        {
            if (content.Length > bits / 8)
            {
                throw new SnmpDecodingException("A negative value in an unsigned type.");
            }

            value = new BigInteger(content, isUnsigned: true, isBigEndian: true);
        }

        if (value > (BigInteger.One << bits) - 1)
        {
            throw new SnmpDecodingException("An unsigned value exceeds its type.");
        }

        return (ulong)value;
    }

    /// <summary>Reads a primitive OCTET STRING (constructed strings are not SNMP).</summary>
    public static byte[] ReadPrimitiveOctetString(AsnReader reader, Asn1Tag tag)
    {
        if (reader.PeekTag().IsConstructed)
        {
            throw new SnmpDecodingException("Constructed OCTET STRINGs are not allowed in SNMP messages.");
        }

        return reader.ReadOctetString(tag);
    }

    private static BigInteger ReadBigInteger(AsnReader reader, Asn1Tag tag) =>
        new(ReadIntegerContent(reader, tag), isUnsigned: false, isBigEndian: true);

    private static ReadOnlySpan<byte> ReadIntegerContent(AsnReader reader, Asn1Tag tag)
    {
        var actual = reader.PeekTag();
        if (actual.IsConstructed || !actual.HasSameClassAndValue(tag))
        {
            throw new SnmpDecodingException("Expected " + tag + " but found " + actual + ".");
        }

        var encoded = reader.ReadEncodedValue().Span;
        AsnDecoder.ReadEncodedValue(encoded, Rules, out var contentOffset, out var contentLength, out _);
        if (contentLength == 0 || contentLength > SnmpCodecLimits.MaxIntegerContentLength)
        {
            throw new SnmpDecodingException("An INTEGER has an invalid length.");
        }

        return encoded.Slice(contentOffset, contentLength);
    }
}
