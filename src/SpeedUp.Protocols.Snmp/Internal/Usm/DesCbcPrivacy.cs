using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// usmDESPrivProtocol (RFC 3414 §8): DES-CBC keyed with the first 8 octets of the localized privacy key;
/// the last 8 are the pre-IV. Salt = snmpEngineBoots ‖ a local 32-bit counter, IV = pre-IV XOR salt
/// (§8.1.1.1). The plaintext is padded to a multiple of 8 octets; the receiver ignores the padding.
/// </summary>
internal static class DesCbcPrivacy
{
    public const int KeyLength = 16;
    private const int BlockLength = 8;

    /// <summary>RFC 3414 §8.1.1.2.</summary>
    public static byte[] Encrypt(byte[] privKey, int boots, uint counter, ReadOnlySpan<byte> plaintext, out byte[] privParameters)
    {
        privParameters = new byte[BlockLength];
        BinaryPrimitives.WriteInt32BigEndian(privParameters, boots);
        BinaryPrimitives.WriteUInt32BigEndian(privParameters.AsSpan(4), counter);
        var padded = new byte[(plaintext.Length + BlockLength - 1) / BlockLength * BlockLength];
        plaintext.CopyTo(padded);
        using var des = CreateDes(privKey);
        return des.EncryptCbc(padded, Iv(privKey, privParameters), PaddingMode.None);
    }

    /// <summary>RFC 3414 §8.1.1.3: false (decryptionError) for a salt not of 8 octets or a ciphertext not a multiple of 8.</summary>
    public static bool TryDecrypt(byte[] privKey, ReadOnlySpan<byte> privParameters, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        plaintext = [];
        if (privParameters.Length != BlockLength || ciphertext.Length % BlockLength != 0 || privKey.Length < KeyLength)
        {
            return false;
        }

        using var des = CreateDes(privKey);
        plaintext = des.DecryptCbc(ciphertext, Iv(privKey, privParameters), PaddingMode.None);
        return true;
    }

    private static byte[] Iv(byte[] privKey, ReadOnlySpan<byte> salt)
    {
        var iv = new byte[BlockLength];
        for (var i = 0; i < BlockLength; i++)
        {
            iv[i] = (byte)(privKey[BlockLength + i] ^ salt[i]);
        }

        return iv;
    }

#pragma warning disable CA5351 // RFC 3414 §8 mandates DES; offered only for old equipment, and documented as weak.
    private static DES CreateDes(byte[] privKey)
    {
        var des = DES.Create();
        des.Key = privKey.AsSpan(0, BlockLength).ToArray();
        return des;
    }
#pragma warning restore CA5351
}
