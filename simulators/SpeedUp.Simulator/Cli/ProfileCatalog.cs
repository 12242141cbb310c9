namespace SpeedUp.Simulator;

/// <summary>
/// The profiles found in one folder: every <c>&lt;base&gt;.profile.json</c> is addressable by its base name
/// (<c>h3c-comware</c>) and by its short alias, the text before the first <c>-</c> (<c>h3c</c>), when no other file
/// has the same alias or that base name. Names are case-insensitive. Built from the files alone, so a vendor is added
/// by dropping its profile into the folder.
/// </summary>
internal sealed class ProfileCatalog
{
    /// <summary>How a profile file's name ends.</summary>
    public const string Suffix = ".profile.json";

    private readonly Dictionary<string, string> _paths;
    private readonly Dictionary<string, string> _aliasByName;

    private ProfileCatalog(string directory, IReadOnlyList<string> names, Dictionary<string, string> paths, Dictionary<string, string> aliasByName)
    {
        Directory = directory;
        Names = names;
        _paths = paths;
        _aliasByName = aliasByName;
    }

    /// <summary>The folder searched.</summary>
    public string Directory { get; }

    /// <summary>The base names found, sorted (ordinal).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the folder's file names (no file is opened); a missing folder gives an empty catalog.</summary>
    public static ProfileCatalog Discover(string directory)
    {
        var files = System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory)
                .Select(path => (Name: Path.GetFileName(path), Path: path))
                .Where(f => f.Name.Length > Suffix.Length && f.Name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
                .Select(f => (Name: f.Name[..^Suffix.Length], f.Path))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList()
            : [];

        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            paths.TryAdd(file.Name, file.Path);
        }

        var aliasByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in files.Where(f => f.Name.IndexOf('-', StringComparison.Ordinal) > 0).GroupBy(f => AliasOf(f.Name), StringComparer.OrdinalIgnoreCase))
        {
            if (group.Count() == 1 && !paths.ContainsKey(group.Key))
            {
                var file = group.Single();
                paths[group.Key] = file.Path;
                aliasByName[file.Name] = group.Key;
            }
        }

        return new ProfileCatalog(directory, [.. files.Select(f => f.Name)], paths, aliasByName);
    }

    /// <summary>The profile file of a base name or unique alias (case-insensitive); null when none.</summary>
    public string? PathOf(string name) => _paths.TryGetValue(name, out var path) ? path : null;

    /// <summary>The names found, each with its alias when it has one: <c>h3c-comware (h3c), huawei-vrp (huawei)</c>; <c>none</c> when empty.</summary>
    public string Describe() => Names.Count == 0
        ? "none"
        : string.Join(", ", Names.Select(n => _aliasByName.TryGetValue(n, out var alias) ? $"{n} ({alias})" : n));

    private static string AliasOf(string baseName) => baseName[..baseName.IndexOf('-', StringComparison.Ordinal)];
}
