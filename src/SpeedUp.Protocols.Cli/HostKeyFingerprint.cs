using System.Security.Cryptography;
using System.Text;

namespace SpeedUp.Protocols.Cli;

/// <summary>Compares SSH host key fingerprints in OpenSSH's <c>SHA256:base64</c> form.</summary>
public static class HostKeyFingerprint
{
    private const string Prefix = "SHA256:";

    /// <summary>
    /// Brings a fingerprint to its canonical form: without the <c>SHA256:</c> prefix, surrounding blanks and
    /// base64 padding. Base64 is case-sensitive, so the case is kept.
    /// </summary>
    public static string Normalize(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var value = fingerprint.Trim();
        if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            value = value[Prefix.Length..];
        }

        return value.Trim().TrimEnd('=');
    }

    /// <summary>Whether two fingerprints name the same key (prefix and padding ignored).</summary>
    public static bool Matches(string? expected, string? received)
    {
        if (string.IsNullOrWhiteSpace(expected) || string.IsNullOrWhiteSpace(received))
        {
            return false;
        }

        var left = Encoding.ASCII.GetBytes(Normalize(expected));
        var right = Encoding.ASCII.GetBytes(Normalize(received));
        return CryptographicOperations.FixedTimeEquals(left, right);
    }

    /// <summary>Formats a fingerprint the way OpenSSH prints it: <c>SHA256:</c> plus unpadded base64.</summary>
    public static string Format(string fingerprint) => Prefix + Normalize(fingerprint);
}
