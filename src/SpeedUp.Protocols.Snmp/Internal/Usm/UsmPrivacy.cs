namespace SpeedUp.Protocols.Snmp.Internal.Usm;

/// <summary>Dispatches to the privacy protocol of a user (RFC 3826 AES-CFB-128, RFC 3414 §8 DES-CBC).</summary>
internal static class UsmPrivacy
{
    private static long _salt = Random.Shared.NextInt64();

    /// <summary>RFC 3826 §3.1.2.1 / RFC 3414 §8.1.1.1: a fresh salt from a counter started at a random value.</summary>
    public static ulong NextSalt() => (ulong)Interlocked.Increment(ref _salt);

    public static byte[] Encrypt(UsmLocalizedKeys keys, int boots, int time, ReadOnlySpan<byte> plaintext, out byte[] privParameters) =>
        keys.PrivProtocol switch
        {
            UsmPrivProtocol.Aes128 => AesCfbPrivacy.Encrypt(keys.PrivKey, boots, time, NextSalt(), plaintext, out privParameters),
            UsmPrivProtocol.Des => DesCbcPrivacy.Encrypt(keys.PrivKey, boots, (uint)NextSalt(), plaintext, out privParameters),
            _ => throw new InvalidOperationException("The user has no privacy protocol."),
        };

    /// <summary>False for a decryptionError (RFC 3414 §3.2 step 8).</summary>
    public static bool TryDecrypt(
        UsmLocalizedKeys keys, int boots, int time, ReadOnlySpan<byte> privParameters, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        switch (keys.PrivProtocol)
        {
            case UsmPrivProtocol.Aes128:
                return AesCfbPrivacy.TryDecrypt(keys.PrivKey, boots, time, privParameters, ciphertext, out plaintext);
            case UsmPrivProtocol.Des:
                return DesCbcPrivacy.TryDecrypt(keys.PrivKey, privParameters, ciphertext, out plaintext);
            default:
                plaintext = [];
                return false;
        }
    }
}
