using System.Buffers.Binary;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>Splits the content of one Vendor-Specific attribute into vendor attributes (RFC 2865 §5.26).</summary>
internal static class VendorSpecificReader
{
    /// <summary>Adds the vendor attributes of <paramref name="content"/>, or the raw attribute when it does not parse.</summary>
    public static void Read(ReadOnlySpan<byte> content, IRadiusVendorFormats? formats, List<RadiusAttribute> into)
    {
        var start = into.Count;
        if (content.Length >= 4)
        {
            var vendorId = BinaryPrimitives.ReadUInt32BigEndian(content);
            var format = vendorId == 0 ? default : formats?.FormatOf(vendorId) ?? RadiusVendorFormat.Default;
            if (vendorId != 0 && format.IsValid && TrySplit(vendorId, content[4..], format, into))
            {
                return;
            }
        }

        into.RemoveRange(start, into.Count - start);
        into.Add(RadiusAttribute.Create(RadiusAttributeTypes.VendorSpecific, content));
    }

    private static bool TrySplit(uint vendorId, ReadOnlySpan<byte> rest, RadiusVendorFormat format, List<RadiusAttribute> into)
    {
        if (rest.IsEmpty)
        {
            return false;
        }

        while (!rest.IsEmpty)
        {
            if (rest.Length < format.HeaderLength)
            {
                return false;
            }

            var type = format.TypeLength switch
            {
                1 => rest[0],
                2 => BinaryPrimitives.ReadUInt16BigEndian(rest),
                _ => BinaryPrimitives.ReadUInt32BigEndian(rest),
            };
            var length = format.LengthLength switch
            {
                0 => rest.Length,
                1 => rest[format.TypeLength],
                _ => BinaryPrimitives.ReadUInt16BigEndian(rest[format.TypeLength..]),
            };
            if (length < format.HeaderLength || length > rest.Length)
            {
                return false;
            }

            into.Add(RadiusAttribute.Vendor(vendorId, type, rest[format.HeaderLength..length]));
            rest = rest[length..];
        }

        return true;
    }
}
