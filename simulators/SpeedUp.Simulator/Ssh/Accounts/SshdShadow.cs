using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SpeedUp.Simulator;

/// <summary>
/// The password of a simulator's sshd, kept out of the system's account database: the system's <c>/etc/shadow</c> holds a
/// locked password (<c>!</c>) for the account, so PAM — the system's sshd, login, su — never accepts one. The simulator's
/// sshd runs in its own mount namespace where a read-only overlay puts this file over <c>/etc/shadow</c> (see
/// <see cref="SshdProcess"/>); with <c>UsePAM no</c> it checks passwords against it. Each front has its own file, so two
/// fronts sharing an account may have different passwords.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static partial class SshdShadow
{
    private const string SaltAlphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly Lock CryptGate = new();

    public static void ValidatePassword(string password)
    {
        if (password.Length == 0 || password.IndexOfAny([':', '\n', '\r', '\0']) >= 0)
        {
            throw new ArgumentException("The SSH password must be non-empty and contain no ':', NUL or line break.", nameof(password));
        }
    }

    /// <summary>Writes <c>&lt;stateDirectory&gt;/etc-overlay/shadow</c> (root only) and returns the overlay folder.</summary>
    public static string Write(string stateDirectory, string user, string password)
    {
        var overlay = Path.Combine(stateDirectory, "etc-overlay");
        Directory.CreateDirectory(overlay);
        File.SetUnixFileMode(overlay, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var days = (long)(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalDays;
        var path = Path.Combine(overlay, "shadow");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"{user}:{Hash(password)}:{days}:0:99999:7:::\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return overlay;
    }

    /// <summary>SHA-512 crypt (<c>$6$</c>) with a random salt, by the C library sshd itself uses.</summary>
    private static string Hash(string password)
    {
        var setting = "$6$" + new string(RandomNumberGenerator.GetItems<char>(SaltAlphabet, 16)) + "$";
        lock (CryptGate)
        {
            var hash = Marshal.PtrToStringUTF8(Crypt(password, setting));
            return hash is not null && hash.StartsWith(setting, StringComparison.Ordinal)
                ? hash
                : throw new InvalidOperationException("libcrypt could not hash the SSH password (SHA-512 crypt).");
        }
    }

    [LibraryImport("libcrypt.so.1", EntryPoint = "crypt", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Crypt(string key, string setting);
}
