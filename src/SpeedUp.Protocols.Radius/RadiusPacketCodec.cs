using System.Buffers.Binary;
using SpeedUp.Protocols.Radius.Internal;

namespace SpeedUp.Protocols.Radius;

/// <summary>
/// Encodes and decodes the RADIUS wire format (RFC 2865 §3 header, §5 attributes, §5.26 Vendor-Specific). Encoding
/// writes the authenticator as given: sign the result with <see cref="RadiusAuthenticator"/>. Decoding never throws
/// on hostile input: it returns false with a <see cref="RadiusDecodeError"/>.
/// </summary>
public static class RadiusPacketCodec
{
    /// <summary>The wire octets of <paramref name="packet"/>; vendor attributes are laid out per <paramref name="formats"/> (default 1,1).</summary>
    /// <exception cref="ArgumentException">The packet would exceed 4096 octets, or a vendor attribute does not fit its format.</exception>
    public static byte[] Encode(RadiusPacket packet, IRadiusVendorFormats? formats = null)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var writer = new PacketWriter();
        writer.WriteHeader(packet.Code, packet.Identifier, packet.Authenticator.Span);
        foreach (var attribute in packet.Attributes)
        {
            if (attribute.IsVendorAttribute)
            {
                var format = formats?.FormatOf(attribute.VendorId) ?? RadiusVendorFormat.Default;
                writer.WriteVendorAttribute(attribute, format);
            }
            else
            {
                writer.WriteAttribute(attribute.Type, attribute.Value.Span);
            }
        }

        return writer.ToPacket();
    }

    /// <summary>
    /// Decodes a datagram. Octets past the Length field are padding and ignored (RFC 2865 §3). A Vendor-Specific
    /// attribute whose content does not follow its vendor's format is kept raw (type 26, vendor id 0).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> datagram, IRadiusVendorFormats? formats, out RadiusPacket? packet, out RadiusDecodeError error)
    {
        packet = null;
        error = TryReadLength(datagram, out var length);
        if (error != RadiusDecodeError.None)
        {
            return false;
        }

        var attributes = new List<RadiusAttribute>();
        var body = datagram[RadiusLimits.HeaderLength..length];
        while (!body.IsEmpty)
        {
            if (body.Length < 2 || body[1] < 2 || body[1] > body.Length)
            {
                error = RadiusDecodeError.InvalidAttributeLength;
                return false;
            }

            if (body[0] == 0)
            {
                error = RadiusDecodeError.InvalidAttributeType;
                return false;
            }

            var value = body[2..body[1]];
            if (body[0] == RadiusAttributeTypes.VendorSpecific)
            {
                VendorSpecificReader.Read(value, formats, attributes);
            }
            else
            {
                attributes.Add(RadiusAttribute.Create(body[0], value));
            }

            body = body[body[1]..];
        }

        packet = new RadiusPacket((RadiusCode)datagram[0], datagram[1], datagram.Slice(4, RadiusLimits.AuthenticatorLength), attributes);
        return true;
    }

    /// <summary>Checks the header's Length field against the limits and the datagram; the packet is <c>datagram[..length]</c>.</summary>
    internal static RadiusDecodeError TryReadLength(ReadOnlySpan<byte> datagram, out int length)
    {
        length = 0;
        if (datagram.Length < RadiusLimits.HeaderLength)
        {
            return RadiusDecodeError.Truncated;
        }

        length = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (length is < RadiusLimits.MinPacketLength or > RadiusLimits.MaxPacketLength)
        {
            return RadiusDecodeError.InvalidLength;
        }

        return length > datagram.Length ? RadiusDecodeError.Truncated : RadiusDecodeError.None;
    }
}
