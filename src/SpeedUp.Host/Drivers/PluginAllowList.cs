using System.Security.Cryptography;

namespace SpeedUp.Host.Drivers;

/// <summary>
/// The SHA-256 digests of the plugin assemblies the service may load (<c>SpeedUp:Drivers:PluginSha256:N</c>, 64 hex
/// digits each). Empty: every plugin loads (each is logged with its digest). Otherwise a plugin assembly — or a private
/// dependency it brings — whose digest is not listed stops the service, naming the file and its digest.
/// </summary>
internal sealed class PluginAllowList
{
    /// <summary>The configuration key.</summary>
    public const string Key = "SpeedUp:Drivers:PluginSha256";

    private readonly HashSet<string> _digests;

    /// <summary>Reads the configured digests; throws naming the entry when one is not 64 hex digits.</summary>
    public PluginAllowList(IReadOnlyList<string> digests)
    {
        _digests = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < digests.Count; i++)
        {
            var digest = digests[i].Trim();
            if (digest.Length != 64 || !digest.All(Uri.IsHexDigit))
            {
                throw new InvalidOperationException($"{Key}:{i} is not a SHA-256 digest (64 hex digits).");
            }

            _digests.Add(digest);
        }
    }

    /// <summary>Whether no digest is configured (every plugin may load).</summary>
    public bool IsEmpty => _digests.Count == 0;

    /// <summary>The lower-case hex SHA-256 of a file.</summary>
    public static string Sha256Of(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>Digests <paramref name="path"/> and returns its digest; throws when the list is set and does not hold it.</summary>
    public string Admit(string path)
    {
        var digest = Sha256Of(path);
        if (!IsEmpty && !_digests.Contains(digest))
        {
            throw new InvalidOperationException(
                $"The driver plugin {path} (SHA-256 {digest}) is not in {Key}; it was not loaded. Add its digest there if it is trusted.");
        }

        return digest;
    }
}
