using System.Security.Cryptography;
using SpeedUp.Protocols.Snmp.Internal.Usm;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests.Usm;

/// <summary>AES-CFB-128 (RFC 3826) and DES-CBC (RFC 3414 §8) privacy.</summary>
public class PrivacyTests
{
    private static readonly byte[] Key = Hex.Bytes("000102030405060708090A0B0C0D0E0F1011121314151617");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000)]
    public void AesCfb_RoundTrips_WithoutPadding(int length)
    {
        var plaintext = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        var ciphertext = AesCfbPrivacy.Encrypt(Key, 7, 12345, 0x0102030405060708, plaintext, out var salt);

        Assert.Equal(length, ciphertext.Length);
        Assert.Equal(Hex.Bytes("0102030405060708"), salt);
        Assert.True(AesCfbPrivacy.TryDecrypt(Key, 7, 12345, salt, ciphertext, out var decrypted));
        Assert.Equal(plaintext, decrypted);
    }

    [Fact]
    public void AesCfb_Iv_IsBootsTimeAndSalt_Rfc3826Section3121()
    {
        var plaintext = Enumerable.Range(0, 32).Select(i => (byte)(i * 3)).ToArray();
        using var aes = Aes.Create();
        aes.Key = Key[..16];
        var iv = Hex.Bytes("00000007" + "00003039" + "0102030405060708");

        var expected = aes.EncryptCfb(plaintext, iv, PaddingMode.None, 128);
        var actual = AesCfbPrivacy.Encrypt(Key, 7, 12345, 0x0102030405060708, plaintext, out _);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void AesCfb_WrongSaltLength_IsDecryptionError()
    {
        Assert.False(AesCfbPrivacy.TryDecrypt(Key, 1, 1, new byte[7], new byte[16], out _));
    }

    [Fact]
    public void DesCbc_RoundTrips_WithPaddingAndBootsInTheSalt()
    {
        var plaintext = Enumerable.Range(0, 21).Select(i => (byte)i).ToArray();

        var ciphertext = DesCbcPrivacy.Encrypt(Key, 9, 0xAABBCCDD, plaintext, out var salt);

        Assert.Equal(24, ciphertext.Length);
        Assert.Equal(Hex.Bytes("00000009AABBCCDD"), salt);
        Assert.True(DesCbcPrivacy.TryDecrypt(Key, salt, ciphertext, out var decrypted));
        Assert.Equal(plaintext, decrypted[..21]);
        Assert.False(DesCbcPrivacy.TryDecrypt(Key, salt, ciphertext.AsSpan(0, 23), out _));
    }
}
