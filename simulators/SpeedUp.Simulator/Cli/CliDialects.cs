namespace SpeedUp.Simulator;

/// <summary>
/// The CLI faces a simulator can show (<see cref="BrasSimulatorOptions.CliDialect"/>): every face is a
/// <see cref="SimulatorProfile"/>. The names come from the files in <see cref="ProfileDirectory"/> (copied at build time
/// from <c>drivers/dialects/*.profile.json</c>): every <c>&lt;base&gt;.profile.json</c> there is named by its base name
/// (<c>huawei-vrp</c>) and by its short alias, the text before the first <c>-</c> (<c>huawei</c>), when that alias is
/// unique among the files. <c>profile:&lt;path&gt;</c> names any file. A new vendor's face is therefore a new profile
/// file, without code.
/// </summary>
public static class CliDialects
{
    /// <summary>Huawei VRP (the default): <c>&lt;HOST&gt;</c>, <c>display access-user …</c> (alias of <c>huawei-vrp.profile.json</c>).</summary>
    public const string Huawei = "huawei";

    /// <summary>ZTE ZXR10 M6000: <c>HOST#</c>, <c>show subscriber …</c> (alias of <c>zte-zxr10.profile.json</c>).</summary>
    public const string Zte = "zte";

    /// <summary>H3C Comware V7: <c>&lt;HOST&gt;</c>, <c>display access-user username …</c> (alias of <c>h3c-comware.profile.json</c>).</summary>
    public const string H3c = "h3c";

    /// <summary>Prefix of a face described by a <see cref="SimulatorProfile"/> file: <c>profile:/path/x.profile.json</c>.</summary>
    public const string ProfilePrefix = "profile:";

    /// <summary>The folder the shipped profiles are copied to: <c>profiles/</c> beside the simulator's assembly.</summary>
    public static string ProfileDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "profiles");

    /// <summary>The base names of the profiles found in <see cref="ProfileDirectory"/> (e.g. <c>h3c-comware</c>, <c>huawei-vrp</c>), sorted.</summary>
    public static IReadOnlyList<string> Names => Shipped().Names;

    /// <summary>True for a name found in <see cref="ProfileDirectory"/> (case-insensitive) or empty (Huawei), or a profile whose file exists.</summary>
    public static bool IsKnown(string? name) => IsKnown(name, Shipped());

    /// <summary>The profile file of a dialect name or <c>profile:&lt;path&gt;</c>; the Huawei one when empty; null when unknown.</summary>
    public static string? ProfilePath(string? name) => ProfilePath(name, Shipped());

    /// <summary><see cref="IsKnown(string?)"/> against the profiles of another folder.</summary>
    internal static bool IsKnown(string? name, string directory) => IsKnown(name, ProfileCatalog.Discover(directory));

    /// <summary><see cref="ProfilePath(string?)"/> against the profiles of another folder.</summary>
    internal static string? ProfilePath(string? name, string directory) => ProfilePath(name, ProfileCatalog.Discover(directory));

    /// <summary>What a dialect may be, for error messages: the names found (with their aliases) and <c>profile:&lt;path&gt;</c>.</summary>
    internal static string Expected() =>
        $"the profiles found in '{ProfileDirectory}': {Shipped().Describe()}; or '{ProfilePrefix}<path of an existing .profile.json>'";

    internal static ProfileCliGrammar Create(string? name, BrasState state, SimulatorFaults faults)
    {
        var path = ProfilePath(name)
            ?? throw new ArgumentException($"Unknown CLI dialect '{name}' (expected {Expected()}).", nameof(name));
        return new ProfileCliGrammar(SimulatorProfile.Load(path), state, faults);
    }

    private static ProfileCatalog Shipped() => ProfileCatalog.Discover(ProfileDirectory);

    private static bool IsKnown(string? name, ProfileCatalog catalog) =>
        name is not null && name.StartsWith(ProfilePrefix, StringComparison.Ordinal)
            ? File.Exists(name[ProfilePrefix.Length..])
            : ProfilePath(name, catalog) is not null;

    private static string? ProfilePath(string? name, ProfileCatalog catalog)
    {
        if (string.IsNullOrEmpty(name))
        {
            name = Huawei;
        }

        return name.StartsWith(ProfilePrefix, StringComparison.Ordinal) ? name[ProfilePrefix.Length..] : catalog.PathOf(name);
    }
}
