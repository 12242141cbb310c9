using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace SpeedUp.Signing;

/// <summary>
/// The canonical form of a signed call (README, "Security"). The string to sign is six lines joined by <c>\n</c>
/// (no trailing newline): <see cref="Algorithm"/>, the gRPC method path, the AccessKeyId, the timestamp, the nonce,
/// and the lower-case hex SHA-256 of the request message's protobuf encoding. The signature is the lower-case hex
/// HMAC-SHA256 of that string, keyed with the UTF-8 bytes of the AccessKeySecret.
/// </summary>
public static class RequestSignature
{
    /// <summary>First line of the string to sign; names the scheme and its version.</summary>
    public const string Algorithm = "SPEEDUP1-HMAC-SHA256";

    /// <summary>Lower-case hex SHA-256 of the message's protobuf encoding.</summary>
    public static string DigestOf(IMessage request) => Convert.ToHexStringLower(SHA256.HashData(request.ToByteArray()));

    /// <summary>The string to sign.</summary>
    public static string StringToSign(string methodPath, string accessKeyId, long timestamp, string nonce, string digest) =>
        string.Join('\n', Algorithm, methodPath, accessKeyId, timestamp.ToString(CultureInfo.InvariantCulture), nonce, digest);

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="stringToSign"/> under <paramref name="secret"/>.</summary>
    public static string Compute(string secret, string stringToSign) => Convert.ToHexStringLower(Mac(secret, stringToSign));

    /// <summary>Whether <paramref name="presented"/> is the signature of <paramref name="stringToSign"/>; compared in constant time.</summary>
    public static bool Verify(string secret, string stringToSign, string presented)
    {
        var expected = Mac(secret, stringToSign);
        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        return presented.Length == HMACSHA256.HashSizeInBytes * 2
            && Convert.FromHexString(presented, actual, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == actual.Length
            && CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>A fresh nonce: 16 random bytes, base64url without padding (22 characters).</summary>
    public static string NewNonce() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private static byte[] Mac(string secret, string stringToSign) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign));
}
