using System.Buffers;
using System.Buffers.Binary;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>Appends a header and attributes, then patches the Length field (RFC 2865 §3).</summary>
internal sealed class PacketWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public void WriteHeader(RadiusCode code, byte identifier, ReadOnlySpan<byte> authenticator)
    {
        _buffer.Write<byte>([(byte)code, identifier, 0, 0]);
        _buffer.Write(authenticator);
    }

    public void WriteAttribute(byte type, ReadOnlySpan<byte> value)
    {
        if (value.Length > RadiusLimits.MaxAttributeValueLength)
        {
            throw new ArgumentException("Attribute " + type + " has " + value.Length + " octets; at most 253 fit.");
        }

        _buffer.Write<byte>([type, (byte)(value.Length + 2)]);
        _buffer.Write(value);
    }

    /// <summary>One Vendor-Specific attribute holding one vendor attribute in <paramref name="format"/>.</summary>
    public void WriteVendorAttribute(RadiusAttribute attribute, RadiusVendorFormat format)
    {
        if (!format.IsValid || attribute.VendorType > format.MaxVendorType)
        {
            throw new ArgumentException("Vendor " + attribute.VendorId + " attribute " + attribute.VendorType + " does not fit format "
                + format.TypeLength + "," + format.LengthLength + ".");
        }

        var value = attribute.Value.Span;
        var subLength = format.HeaderLength + value.Length;
        if (format.LengthLength == 1 && subLength > byte.MaxValue)
        {
            throw new ArgumentException("Vendor attribute " + attribute.VendorType + " is too long for a one-octet length.");
        }

        Span<byte> content = stackalloc byte[4 + subLength];
        BinaryPrimitives.WriteUInt32BigEndian(content, attribute.VendorId);
        var at = 4;
        switch (format.TypeLength)
        {
            case 1: content[at] = (byte)attribute.VendorType; break;
            case 2: BinaryPrimitives.WriteUInt16BigEndian(content[at..], (ushort)attribute.VendorType); break;
            default: BinaryPrimitives.WriteUInt32BigEndian(content[at..], attribute.VendorType); break;
        }

        at += format.TypeLength;
        if (format.LengthLength == 1)
        {
            content[at] = (byte)subLength;
        }
        else if (format.LengthLength == 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(content[at..], (ushort)subLength);
        }

        at += format.LengthLength + (format.HasContinuation ? 1 : 0);
        value.CopyTo(content[at..]);
        WriteAttribute(RadiusAttributeTypes.VendorSpecific, content);
    }

    public byte[] ToPacket()
    {
        if (_buffer.WrittenCount > RadiusLimits.MaxPacketLength)
        {
            throw new ArgumentException("The packet would be " + _buffer.WrittenCount + " octets; RADIUS allows at most 4096.");
        }

        var bytes = _buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)bytes.Length);
        return bytes;
    }
}
