using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeedUp.Admin.Cli.Credentials;

/// <summary>
/// A profile file: <c>{"accessKeyId": "…", "accessKeySecret": "…", "address": "http://127.0.0.1:50051"}</c>, every field
/// optional. It holds a secret, so it is read only when no other user may read or write it (mode 0600 or stricter).
/// </summary>
internal sealed record Profile(
    [property: JsonPropertyName("accessKeyId")] string? AccessKeyId,
    [property: JsonPropertyName("accessKeySecret")] string? AccessKeySecret,
    [property: JsonPropertyName("address")] string? Address)
{
    private const UnixFileMode OpenToOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>No profile.</summary>
    public static Profile None { get; } = new(null, null, null);

    /// <summary>
    /// Reads the profile at <paramref name="path"/>. A missing file is <see cref="None"/> unless it was named
    /// (<paramref name="named"/>); a file others may read or write, or one that is not a profile, is refused.
    /// </summary>
    public static Profile Load(string path, bool named)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return named ? throw new CliUsageException($"the profile {path} does not exist.") : None;
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = file.UnixFileMode;
            if ((mode & OpenToOthers) != 0)
            {
                throw new CliUsageException(
                    $"the profile {path} is open to other users (mode {Octal(mode)}); it holds a secret: run chmod 600 {path}.");
            }
        }

        try
        {
            using var stream = file.OpenRead();
            return JsonSerializer.Deserialize<Profile>(stream) ?? None;
        }
        catch (JsonException e)
        {
            // The parser's message names the position, never the content.
            throw new CliUsageException($"the profile {path} is not a JSON object of accessKeyId, accessKeySecret and address (line {e.LineNumber + 1}).");
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
