namespace SpeedUp.Drivers.Conformance.Runner;

/// <summary>
/// A vendor added as files: its dialect (<c>drivers/dialects/&lt;name&gt;.dialect.json</c>, what the driver sends),
/// its simulator profile (<c>drivers/dialects/&lt;name&gt;.profile.json</c>, the device written from its manual) and the
/// seed of lines its simulated BRAS holds (<c>simulators/data/&lt;name&gt;.json</c>, else China Telecom's seed).
/// </summary>
/// <param name="Name">The files' common base name, e.g. <c>h3c-comware</c>.</param>
/// <param name="DialectPath">The dialect file.</param>
/// <param name="ProfilePath">The simulator profile, or null when the dialect has none (then the kit cannot run it).</param>
/// <param name="SeedPath">The seed the simulator loads.</param>
public sealed record DialectVendor(string Name, string DialectPath, string? ProfilePath, string SeedPath)
{
    /// <summary>The seed used when a vendor brings none of its own.</summary>
    public const string DefaultSeed = "china-telecom.json";

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Finds the vendors of a repository (or any folder laid out like one) by their files alone.</summary>
public static class DialectVendors
{
    private const string DialectSuffix = ".dialect.json";
    private const string ProfileSuffix = ".profile.json";

    /// <summary>The repository folder above <paramref name="start"/> (the one holding Adapters.sln), or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Adapters.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>Every <c>*.dialect.json</c> under <paramref name="dialectDirectory"/>, paired by name with its profile and seed, by name.</summary>
    public static IReadOnlyList<DialectVendor> Discover(string dialectDirectory, string seedDirectory) =>
    [
        .. Directory.GetFiles(dialectDirectory, "*" + DialectSuffix)
            .Order(StringComparer.Ordinal)
            .Select(path => For(path, seedDirectory)),
    ];

    /// <summary>The vendors of a repository checkout: <c>drivers/dialects</c> and <c>simulators/data</c>.</summary>
    public static IReadOnlyList<DialectVendor> InRepository(string root) =>
        Discover(Path.Combine(root, "drivers", "dialects"), Path.Combine(root, "simulators", "data"));

    /// <summary>The vendor of one dialect file: its profile beside it, its seed in <paramref name="seedDirectory"/>.</summary>
    public static DialectVendor For(string dialectPath, string seedDirectory)
    {
        var full = Path.GetFullPath(dialectPath);
        var fileName = Path.GetFileName(full);
        if (!fileName.EndsWith(DialectSuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{dialectPath}' is not a dialect file (<name>{DialectSuffix}).", nameof(dialectPath));
        }

        var name = fileName[..^DialectSuffix.Length];
        var profile = Path.Combine(Path.GetDirectoryName(full)!, name + ProfileSuffix);
        var seed = Path.Combine(seedDirectory, name + ".json");
        return new DialectVendor(name, full, File.Exists(profile) ? profile : null,
            File.Exists(seed) ? seed : Path.Combine(seedDirectory, DialectVendor.DefaultSeed));
    }
}
