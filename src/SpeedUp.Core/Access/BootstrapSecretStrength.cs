using System.Text;

namespace SpeedUp.Core.Access;

/// <summary>
/// How much a bootstrap secret is worth, in bytes: a hex string (an even number of <c>[0-9A-Fa-f]</c>) counts its
/// decoded bytes, so does a base64 or base64url one (padded or not); anything else its UTF-8 bytes. A bootstrap secret
/// must be worth at least <see cref="MinimumBytes"/> — what the service's own generated secrets carry.
/// </summary>
public static class BootstrapSecretStrength
{
    /// <summary>The fewest bytes a bootstrap secret may carry.</summary>
    public const int MinimumBytes = 32;

    /// <summary>The bytes <paramref name="secret"/> carries (see the class).</summary>
    public static int BytesOf(string secret)
    {
        if (secret.Length % 2 == 0 && secret.All(char.IsAsciiHexDigit))
        {
            return secret.Length / 2;
        }

        var unpadded = secret.TrimEnd('=');
        if (unpadded.Length > 0 && unpadded.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_') && unpadded.Length % 4 != 1)
        {
            return unpadded.Length * 3 / 4;
        }

        return Encoding.UTF8.GetByteCount(secret);
    }

    /// <summary>Whether <paramref name="secret"/> carries at least <see cref="MinimumBytes"/>.</summary>
    public static bool IsStrong(string secret) => BytesOf(secret) >= MinimumBytes;
}
