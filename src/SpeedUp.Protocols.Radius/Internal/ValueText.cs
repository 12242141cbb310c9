using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>Attribute values to and from text by their dictionary type, as radclient writes them.</summary>
internal static class ValueText
{
    public static bool TryEncode(RadiusAttributeDefinition definition, string text, out byte[] octets)
    {
        octets = [];
        switch (definition.DataType)
        {
            case RadiusDataType.Integer or RadiusDataType.Byte or RadiusDataType.Short or RadiusDataType.Integer64:
                if (!definition.Values.TryGetValue(text, out var number)
                    && !ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number))
                {
                    return false;
                }

                return TryEncodeUnsigned(definition.DataType, number, out octets);
            case RadiusDataType.Signed:
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
                {
                    return false;
                }

                octets = RadiusValue.FromInt32(signed);
                return true;
            case RadiusDataType.String:
                octets = RadiusValue.FromString(text);
                return octets.Length <= RadiusLimits.MaxAttributeValueLength;
            case RadiusDataType.IpAddr or RadiusDataType.Ipv6Addr or RadiusDataType.ComboIp:
                if (!IPAddress.TryParse(text, out var address)
                    || (definition.DataType == RadiusDataType.IpAddr && address.AddressFamily != AddressFamily.InterNetwork)
                    || (definition.DataType == RadiusDataType.Ipv6Addr && address.AddressFamily != AddressFamily.InterNetworkV6))
                {
                    return false;
                }

                octets = RadiusValue.FromIpAddress(address);
                return true;
            case RadiusDataType.Ipv6Prefix:
                var slash = text.IndexOf('/', StringComparison.Ordinal);
                if (slash < 0 || !IPAddress.TryParse(text[..slash], out var prefix) || prefix.AddressFamily != AddressFamily.InterNetworkV6
                    || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || bits > 128)
                {
                    return false;
                }

                octets = RadiusValue.FromIpv6Prefix(prefix, bits);
                return true;
            case RadiusDataType.Date:
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                    || date.ToUnixTimeSeconds() is < 0 or > uint.MaxValue)
                {
                    return false;
                }

                octets = RadiusValue.FromDate(date);
                return true;
            default:
                return TryParseHex(text, out octets);
        }
    }

    public static string Format(RadiusAttributeDefinition definition, ReadOnlySpan<byte> value)
    {
        switch (definition.DataType)
        {
            case RadiusDataType.Integer or RadiusDataType.Byte or RadiusDataType.Short or RadiusDataType.Integer64
                when TryReadUnsigned(definition.DataType, value, out var number):
                return definition.TryGetValueName(number, out var name) ? name! : number.ToString(CultureInfo.InvariantCulture);
            case RadiusDataType.Signed when value.Length == 4:
                return unchecked((int)BitConverterBigEndian(value)).ToString(CultureInfo.InvariantCulture);
            case RadiusDataType.String:
                return RadiusValue.ReadString(value);
            case RadiusDataType.IpAddr or RadiusDataType.Ipv6Addr or RadiusDataType.ComboIp when RadiusValue.TryReadIpAddress(value, out var address):
                return address!.ToString();
            case RadiusDataType.Ipv6Prefix when RadiusValue.TryReadIpv6Prefix(value, out var prefix, out var bits):
                return prefix + "/" + bits.ToString(CultureInfo.InvariantCulture);
            case RadiusDataType.Date when RadiusValue.TryReadDate(value, out var date):
                return date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            default:
                return "0x" + Convert.ToHexStringLower(value);
        }
    }

    private static bool TryEncodeUnsigned(RadiusDataType type, ulong number, out byte[] octets)
    {
        octets = type switch
        {
            RadiusDataType.Byte when number <= byte.MaxValue => [(byte)number],
            RadiusDataType.Short when number <= ushort.MaxValue => RadiusValue.FromUInt16((ushort)number),
            RadiusDataType.Integer when number <= uint.MaxValue => RadiusValue.FromUInt32((uint)number),
            RadiusDataType.Integer64 => RadiusValue.FromUInt64(number),
            _ => [],
        };
        return octets.Length > 0;
    }

    private static bool TryReadUnsigned(RadiusDataType type, ReadOnlySpan<byte> value, out ulong number)
    {
        number = 0;
        var expected = type switch { RadiusDataType.Byte => 1, RadiusDataType.Short => 2, RadiusDataType.Integer => 4, _ => 8 };
        if (value.Length != expected)
        {
            return false;
        }

        foreach (var octet in value)
        {
            number = (number << 8) | octet;
        }

        return true;
    }

    private static uint BitConverterBigEndian(ReadOnlySpan<byte> value) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(value);

    private static bool TryParseHex(string text, out byte[] octets)
    {
        octets = [];
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length % 2 != 0 || text.Length - 2 > 2 * RadiusLimits.MaxAttributeValueLength)
        {
            return false;
        }

        try
        {
            octets = Convert.FromHexString(text.AsSpan(2));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
