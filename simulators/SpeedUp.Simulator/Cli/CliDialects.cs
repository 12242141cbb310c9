namespace SpeedUp.Simulator;

/// <summary>
/// The CLI faces a simulator can show (<see cref="BrasSimulatorOptions.CliDialect"/>): every face is a
/// <see cref="SimulatorProfile"/>. The names map to the profiles shipped beside the simulator (copied at build time
/// from <c>drivers/dialects/</c> into the output's <c>profiles/</c> folder); <c>profile:&lt;path&gt;</c> names any file.
/// </summary>
public static class CliDialects
{
    /// <summary>Huawei VRP (the default): <c>&lt;HOST&gt;</c>, <c>display access-user …</c> (<c>huawei-vrp.profile.json</c>).</summary>
    public const string Huawei = "huawei";

    /// <summary>ZTE ZXR10 M6000: <c>HOST#</c>, <c>show subscriber …</c> (<c>zte-zxr10.profile.json</c>).</summary>
    public const string Zte = "zte";

    /// <summary>H3C Comware V7: <c>&lt;HOST&gt;</c>, <c>display access-user username …</c> (<c>h3c-comware.profile.json</c>).</summary>
    public const string H3c = "h3c";

    /// <summary>Prefix of a face described by a <see cref="SimulatorProfile"/> file: <c>profile:/path/x.profile.json</c>.</summary>
    public const string ProfilePrefix = "profile:";

    private static readonly Dictionary<string, string> Shipped = new(StringComparer.OrdinalIgnoreCase)
    {
        [Huawei] = "huawei-vrp.profile.json",
        [Zte] = "zte-zxr10.profile.json",
        [H3c] = "h3c-comware.profile.json",
    };

    /// <summary>The folder the shipped profiles are copied to: <c>profiles/</c> beside the simulator's assembly.</summary>
    public static string ProfileDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "profiles");

    /// <summary>True for a known dialect name (case-insensitive) or empty (Huawei), or a profile whose file exists.</summary>
    public static bool IsKnown(string? name) =>
        string.IsNullOrEmpty(name) || Shipped.ContainsKey(name) || (name.StartsWith(ProfilePrefix, StringComparison.Ordinal) && File.Exists(name[ProfilePrefix.Length..]));

    /// <summary>The profile file of a dialect name or <c>profile:&lt;path&gt;</c>; the Huawei one when empty; null when unknown.</summary>
    public static string? ProfilePath(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            name = Huawei;
        }

        if (name.StartsWith(ProfilePrefix, StringComparison.Ordinal))
        {
            return name[ProfilePrefix.Length..];
        }

        return Shipped.TryGetValue(name, out var file) ? Path.Combine(ProfileDirectory, file) : null;
    }

    internal static ProfileCliGrammar Create(string? name, BrasState state, SimulatorFaults faults)
    {
        var path = ProfilePath(name)
            ?? throw new ArgumentException($"Unknown CLI dialect '{name}' (expected '{Huawei}', '{Zte}', '{H3c}' or '{ProfilePrefix}<path>').", nameof(name));
        return new ProfileCliGrammar(SimulatorProfile.Load(path), state, faults);
    }
}
