using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpeedUp.Simulator;

/// <summary>
/// The launcher's <c>networkFiles</c>: glob patterns (<c>*</c> in the file name part only, e.g.
/// <c>networks/*.network.json</c>) relative to the config file's directory, each matching file holding one network.
/// </summary>
internal static class LauncherNetworkFiles
{
    /// <summary>The files the patterns match (each once), sorted by file name, then by path (ordinal).</summary>
    /// <exception cref="InvalidOperationException">A pattern is empty, has a wildcard in its folder part or names a missing folder.</exception>
    public static IReadOnlyList<string> Find(IEnumerable<string> patterns, string baseDirectory)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            var folderPart = Path.GetDirectoryName(pattern) ?? string.Empty;
            var namePart = Path.GetFileName(pattern);
            if (string.IsNullOrWhiteSpace(namePart) || folderPart.Contains('*', StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"networkFiles pattern '{pattern}' must name files in one folder, '*' in the file name only (e.g. \"networks/*.network.json\").");
            }

            var folder = Path.GetFullPath(folderPart.Length == 0 ? "." : folderPart, baseDirectory);
            if (!Directory.Exists(folder))
            {
                throw new InvalidOperationException($"networkFiles pattern '{pattern}': folder '{folder}' does not exist.");
            }

            var name = NamePattern(namePart);
            found.UnionWith(Directory.EnumerateFiles(folder).Where(f => name.IsMatch(Path.GetFileName(f))));
        }

        return [.. found.OrderBy(Path.GetFileName, StringComparer.Ordinal).ThenBy(f => f, StringComparer.Ordinal)];
    }

    /// <summary>Reads one network file: a single network object with exactly the keys of a <c>networks</c> entry.</summary>
    /// <exception cref="InvalidOperationException">Not JSON, not one object, or an unknown key.</exception>
    public static LauncherNetworkSource Read(string path, JsonSerializerOptions options)
    {
        var origin = $"network file '{path}'";
        try
        {
            var network = JsonSerializer.Deserialize<LauncherNetworkConfig>(File.ReadAllText(path), options)
                ?? throw new InvalidOperationException($"Network file '{path}' is empty (null).");
            return new LauncherNetworkSource(network, Path.GetDirectoryName(path)!, origin);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Network file '{path}' is not one valid network object: {ex.Message}", ex);
        }
    }

    private static Regex NamePattern(string namePart) =>
        new("^" + string.Join("[^/]*", namePart.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
}
