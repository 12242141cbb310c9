using System.Security.Cryptography;

namespace SpeedUp.Simulator;

/// <summary>Host key helpers: generation with ssh-keygen and the OpenSSH "SHA256:…" fingerprint.</summary>
internal static class SshHostKey
{
    public const string SshKeygen = "/usr/bin/ssh-keygen";

    /// <summary>Generates an ed25519 key at <paramref name="privateKeyPath"/> (and .pub) unless it already exists.</summary>
    public static async Task EnsureAsync(string privateKeyPath, CancellationToken ct)
    {
        if (File.Exists(privateKeyPath) && File.Exists(privateKeyPath + ".pub"))
        {
            return;
        }

        File.Delete(privateKeyPath);
        File.Delete(privateKeyPath + ".pub");
        var result = await ProcessRunner.RunAsync(
            SshKeygen, ["-q", "-t", "ed25519", "-N", "", "-C", "speedup-bras-simulator", "-f", privateKeyPath], null, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed ({result.ExitCode}): {result.Output}");
        }
    }

    /// <summary>The fingerprint as OpenSSH prints it: "SHA256:" + unpadded base64 of SHA-256 over the key blob.</summary>
    public static string Sha256Fingerprint(string publicKeyLine)
    {
        var parts = publicKeyLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new FormatException("Not an OpenSSH public key line.");
        }

        var blob = Convert.FromBase64String(parts[1]);
        return "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }
}
