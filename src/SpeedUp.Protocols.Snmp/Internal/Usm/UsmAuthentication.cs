using System.Security.Cryptography;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// The HMAC authentication protocols: HMAC-SHA-96 (RFC 3414 §7.3) and the RFC 7860 §4.2 SHA-2 ones. The MAC
/// is computed over the whole message with msgAuthenticationParameters zeroed, keyed with the localized
/// key, and truncated (12, 24, 32 or 48 octets).
/// </summary>
internal static class UsmAuthentication
{
    /// <summary>The length of msgAuthenticationParameters for <paramref name="protocol"/>.</summary>
    public static int MacLength(UsmAuthProtocol protocol) => protocol switch
    {
        UsmAuthProtocol.HmacSha1 => 12,
        UsmAuthProtocol.HmacSha256 => 24,
        UsmAuthProtocol.HmacSha384 => 32,
        UsmAuthProtocol.HmacSha512 => 48,
        _ => 0,
    };

    /// <summary>RFC 3414 §7.3.1: computes the MAC of <paramref name="message"/> (whose MAC field holds
    /// zeros) and writes it into that field.</summary>
    public static void Sign(UsmAuthProtocol protocol, byte[] key, byte[] message, int authOffset)
    {
        var length = MacLength(protocol);
        var mac = Compute(protocol, key, message);
        mac.AsSpan(0, length).CopyTo(message.AsSpan(authOffset, length));
    }

    /// <summary>RFC 3414 §7.3.2: whether the MAC in <paramref name="message"/> is right. Constant time.</summary>
    public static bool Verify(UsmAuthProtocol protocol, byte[] key, ReadOnlySpan<byte> message, int authOffset, ReadOnlySpan<byte> received)
    {
        var length = MacLength(protocol);
        if (length == 0 || received.Length != length || authOffset < 0 || authOffset > message.Length - length)
        {
            return false;
        }

        var copy = message.ToArray();
        copy.AsSpan(authOffset, length).Clear();
        var expected = Compute(protocol, key, copy);
        return CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, length), received);
    }

#pragma warning disable CA5350 // RFC 3414 §7 mandates HMAC-SHA-1 (usmHMACSHAAuthProtocol); HMAC-SHA-1 remains a sound MAC.
    private static byte[] Compute(UsmAuthProtocol protocol, byte[] key, byte[] message) => protocol switch
    {
        UsmAuthProtocol.HmacSha1 => HMACSHA1.HashData(key, message),
        UsmAuthProtocol.HmacSha256 => HMACSHA256.HashData(key, message),
        UsmAuthProtocol.HmacSha384 => HMACSHA384.HashData(key, message),
        UsmAuthProtocol.HmacSha512 => HMACSHA512.HashData(key, message),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), "No HMAC for USM authentication protocol " + protocol + "."),
    };
#pragma warning restore CA5350
}
