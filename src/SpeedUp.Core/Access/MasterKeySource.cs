using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Access;

/// <summary>
/// The 256-bit master key that protects access-key secrets at rest: from the environment variable named by
/// <see cref="SecurityOptions.MasterKeyEnvironmentVariable"/> (base64), else from <see cref="SecurityOptions.MasterKeyPath"/>,
/// which is created (owner read/write only) with a fresh random key when absent.
/// </summary>
public sealed class MasterKeySource
{
    private const int KeySize = 32;
    private readonly Lazy<byte[]> _key;

    public MasterKeySource(IOptions<SecurityOptions> options) => _key = new Lazy<byte[]>(() => Load(options.Value));

    /// <summary>The key (loaded on first use).</summary>
    public byte[] Key => _key.Value;

    private static byte[] Load(SecurityOptions options)
    {
        if (!string.IsNullOrEmpty(options.MasterKeyEnvironmentVariable))
        {
            var text = Environment.GetEnvironmentVariable(options.MasterKeyEnvironmentVariable)
                ?? throw new InvalidOperationException($"SpeedUp:Security: the environment variable {options.MasterKeyEnvironmentVariable} (master key) is not set.");
            return Decode(text, $"the environment variable {options.MasterKeyEnvironmentVariable}");
        }

        var path = Path.GetFullPath(options.MasterKeyPath);
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(KeySize);
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, file))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        return key;
    }

    private static byte[] Decode(string text, string where)
    {
        try
        {
            var key = Convert.FromBase64String(text);
            return key.Length == KeySize ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"SpeedUp:Security: the master key in {where} must be {KeySize} bytes, base64.");
        }
    }
}
