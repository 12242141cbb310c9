using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SpeedUp.Protocols.Radius;

/// <summary>Encodes and reads attribute values of the RFC 2865 §5 / RFC 8044 data types (network byte order).</summary>
public static class RadiusValue
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>integer: 4 octets.</summary>
    public static byte[] FromUInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>integer64: 8 octets.</summary>
    public static byte[] FromUInt64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>signed: 4 octets, two's complement.</summary>
    public static byte[] FromInt32(int value) => FromUInt32(unchecked((uint)value));

    /// <summary>short: 2 octets.</summary>
    public static byte[] FromUInt16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>string: UTF-8 octets.</summary>
    public static byte[] FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Utf8.GetBytes(value);
    }

    /// <summary>date: seconds since 1970-01-01T00:00:00Z as 4 octets.</summary>
    public static byte[] FromDate(DateTimeOffset value)
    {
        var seconds = value.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(value));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, uint.MaxValue, nameof(value));
        return FromUInt32((uint)seconds);
    }

    /// <summary>ipaddr (4 octets) or ipv6addr (16 octets), by the address's family.</summary>
    public static byte[] FromIpAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.GetAddressBytes();
    }

    /// <summary>ipv6prefix (RFC 3162 §2.3): reserved octet, prefix length, then only the octets the prefix needs.</summary>
    public static byte[] FromIpv6Prefix(IPAddress prefix, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException("An ipv6prefix needs an IPv6 address.", nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, 128);
        var octets = (prefixLength + 7) / 8;
        var bytes = new byte[2 + octets];
        bytes[1] = (byte)prefixLength;
        prefix.GetAddressBytes().AsSpan(0, octets).CopyTo(bytes.AsSpan(2));
        if (prefixLength % 8 != 0)
        {
            bytes[^1] &= (byte)(0xFF << (8 - (prefixLength % 8)));
        }

        return bytes;
    }

    /// <summary>Reads an integer (exactly 4 octets).</summary>
    public static bool TryReadUInt32(ReadOnlySpan<byte> value, out uint result)
    {
        result = 0;
        if (value.Length != 4)
        {
            return false;
        }

        result = BinaryPrimitives.ReadUInt32BigEndian(value);
        return true;
    }

    /// <summary>Reads an integer64 (exactly 8 octets).</summary>
    public static bool TryReadUInt64(ReadOnlySpan<byte> value, out ulong result)
    {
        result = 0;
        if (value.Length != 8)
        {
            return false;
        }

        result = BinaryPrimitives.ReadUInt64BigEndian(value);
        return true;
    }

    /// <summary>Reads a date (exactly 4 octets).</summary>
    public static bool TryReadDate(ReadOnlySpan<byte> value, out DateTimeOffset result)
    {
        result = default;
        if (!TryReadUInt32(value, out var seconds))
        {
            return false;
        }

        result = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    /// <summary>Reads an ipaddr (4 octets) or ipv6addr (16 octets).</summary>
    public static bool TryReadIpAddress(ReadOnlySpan<byte> value, out IPAddress? result)
    {
        result = value.Length is 4 or 16 ? new IPAddress(value) : null;
        return result is not null;
    }

    /// <summary>Reads an ipv6prefix (RFC 3162 §2.3): 2 to 18 octets, prefix length at most 128 and covered by the octets.</summary>
    public static bool TryReadIpv6Prefix(ReadOnlySpan<byte> value, out IPAddress? prefix, out int prefixLength)
    {
        prefix = null;
        prefixLength = 0;
        if (value.Length is < 2 or > 18 || value[1] > 128 || (value[1] + 7) / 8 > value.Length - 2)
        {
            return false;
        }

        Span<byte> address = stackalloc byte[16];
        value[2..].CopyTo(address);
        prefix = new IPAddress(address);
        prefixLength = value[1];
        return true;
    }

    /// <summary>Reads a string as UTF-8 (invalid sequences become U+FFFD).</summary>
    public static string ReadString(ReadOnlySpan<byte> value) => Utf8.GetString(value);
}
