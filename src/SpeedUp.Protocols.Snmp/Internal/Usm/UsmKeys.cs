using System.Security.Cryptography;
using System.Text;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// Password-to-key and key localization (RFC 3414 §2.6 and A.2; RFC 7860 §9.1 applies the same algorithm
/// with SHA-2). The privacy key is derived from the privacy password with the authentication hash.
/// </summary>
internal static class UsmKeys
{
    /// <summary>RFC 3414 A.2: the password repeated over one megabyte is hashed.</summary>
    private const int ExpandedLength = 1_048_576;

    /// <summary>Ku: the hash of 1 MiB of the password repeated (RFC 3414 A.2.2).</summary>
    public static byte[] PasswordToKey(UsmAuthProtocol protocol, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        using var hash = IncrementalHash.CreateHash(HashName(protocol));
        Span<byte> block = stackalloc byte[64];
        var index = 0;
        for (var count = 0; count < ExpandedLength; count += block.Length)
        {
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = passwordBytes[index++ % passwordBytes.Length];
            }

            index %= passwordBytes.Length;
            hash.AppendData(block);
        }

        CryptographicOperations.ZeroMemory(passwordBytes);
        return hash.GetHashAndReset();
    }

    /// <summary>Kul = H(Ku ‖ snmpEngineID ‖ Ku) (RFC 3414 §2.6, A.2.2).</summary>
    public static byte[] Localize(UsmAuthProtocol protocol, ReadOnlySpan<byte> key, ReadOnlySpan<byte> engineId)
    {
        using var hash = IncrementalHash.CreateHash(HashName(protocol));
        hash.AppendData(key);
        hash.AppendData(engineId);
        hash.AppendData(key);
        return hash.GetHashAndReset();
    }

    public static HashAlgorithmName HashName(UsmAuthProtocol protocol) => protocol switch
    {
        UsmAuthProtocol.HmacSha1 => HashAlgorithmName.SHA1,
        UsmAuthProtocol.HmacSha256 => HashAlgorithmName.SHA256,
        UsmAuthProtocol.HmacSha384 => HashAlgorithmName.SHA384,
        UsmAuthProtocol.HmacSha512 => HashAlgorithmName.SHA512,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), "No hash for USM authentication protocol " + protocol + "."),
    };
}
