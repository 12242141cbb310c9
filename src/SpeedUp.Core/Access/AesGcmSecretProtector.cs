using System.Security.Cryptography;
using System.Text;

namespace SpeedUp.Core.Access;

/// <summary>
/// AES-256-GCM under the master key (<see cref="MasterKeySource"/>). A blob is <c>version(1) ‖ nonce(12) ‖ tag(16) ‖
/// ciphertext</c>; the key id is the associated data, so a secret copied onto another key's row does not decrypt.
/// </summary>
public sealed class AesGcmSecretProtector(MasterKeySource masterKey) : ISecretProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <inheritdoc />
    public byte[] Protect(string keyId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var blob = new byte[1 + NonceSize + TagSize + plain.Length];
        blob[0] = Version;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(masterKey.Key, TagSize);
        aes.Encrypt(nonce, plain, blob.AsSpan(1 + NonceSize + TagSize), blob.AsSpan(1 + NonceSize, TagSize), AssociatedData(keyId));
        CryptographicOperations.ZeroMemory(plain);
        return blob;
    }

    /// <inheritdoc />
    public string Unprotect(string keyId, byte[] protectedSecret)
    {
        if (protectedSecret.Length < 1 + NonceSize + TagSize || protectedSecret[0] != Version)
        {
            throw new CryptographicException("Unknown protected secret format.");
        }

        var plain = new byte[protectedSecret.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(masterKey.Key, TagSize);
        aes.Decrypt(protectedSecret.AsSpan(1, NonceSize), protectedSecret.AsSpan(1 + NonceSize + TagSize),
            protectedSecret.AsSpan(1 + NonceSize, TagSize), plain, AssociatedData(keyId));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes("speedup-access-key:" + keyId);
}
