using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>
/// usmAesCfb128Protocol (RFC 3826 §3): AES-128 in CFB mode with 128-bit feedback, keyed with the first 16
/// octets of the localized privacy key. IV = msgAuthoritativeEngineBoots ‖ msgAuthoritativeEngineTime ‖
/// 64-bit salt (RFC 3826 §3.1.2.1); the salt travels as msgPrivacyParameters. No padding: the runtime's CFB
/// wants whole blocks, so the input is zero-extended and the output cut back (CFB is a stream mode: the
/// extra bytes do not change the ones before them).
/// </summary>
internal static class AesCfbPrivacy
{
    public const int KeyLength = 16;
    public const int SaltLength = 8;
    private const int BlockLength = 16;

    /// <summary>RFC 3826 §3.1.3: encrypts a ScopedPDU; <paramref name="privParameters"/> gets the salt.</summary>
    public static byte[] Encrypt(byte[] privKey, int boots, int time, ulong salt, ReadOnlySpan<byte> plaintext, out byte[] privParameters)
    {
        privParameters = new byte[SaltLength];
        BinaryPrimitives.WriteUInt64BigEndian(privParameters, salt);
        return Transform(privKey, boots, time, privParameters, plaintext, encrypt: true);
    }

    /// <summary>RFC 3826 §3.1.4: false (decryptionError) when msgPrivacyParameters is not 8 octets.</summary>
    public static bool TryDecrypt(byte[] privKey, int boots, int time, ReadOnlySpan<byte> privParameters, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        if (privParameters.Length != SaltLength || privKey.Length < KeyLength)
        {
            plaintext = [];
            return false;
        }

        plaintext = Transform(privKey, boots, time, privParameters, ciphertext, encrypt: false);
        return true;
    }

    private static byte[] Transform(byte[] privKey, int boots, int time, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> input, bool encrypt)
    {
        Span<byte> iv = stackalloc byte[BlockLength];
        BinaryPrimitives.WriteInt32BigEndian(iv, boots);
        BinaryPrimitives.WriteInt32BigEndian(iv[4..], time);
        salt.CopyTo(iv[8..]);
        var padded = new byte[(input.Length + BlockLength - 1) / BlockLength * BlockLength];
        input.CopyTo(padded);
        using var aes = Aes.Create();
        aes.Key = privKey.AsSpan(0, KeyLength).ToArray();
        var output = encrypt
            ? aes.EncryptCfb(padded, iv, PaddingMode.None, feedbackSizeInBits: 128)
            : aes.DecryptCfb(padded, iv, PaddingMode.None, feedbackSizeInBits: 128);
        return output.AsSpan(0, input.Length).ToArray();
    }
}
