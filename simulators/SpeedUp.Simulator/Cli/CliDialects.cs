namespace SpeedUp.Simulator;

/// <summary>The CLI faces a simulator can show (<see cref="BrasSimulatorOptions.CliDialect"/>).</summary>
public static class CliDialects
{
    /// <summary>Huawei VRP (the default): <c>&lt;HOST&gt;</c>, <c>display access-user …</c>.</summary>
    public const string Huawei = "huawei";

    /// <summary>ZTE ZXR10 M6000: <c>HOST#</c>, <c>show subscriber …</c>.</summary>
    public const string Zte = "zte";

    /// <summary>Prefix of a face described by a <see cref="SimulatorProfile"/> file: <c>profile:/path/x.profile.json</c>.</summary>
    public const string ProfilePrefix = "profile:";

    /// <summary>True for a known dialect name (case-insensitive), or a profile whose file exists.</summary>
    public static bool IsKnown(string? name) =>
        string.Equals(name, Huawei, StringComparison.OrdinalIgnoreCase) || string.Equals(name, Zte, StringComparison.OrdinalIgnoreCase)
        || (name?.StartsWith(ProfilePrefix, StringComparison.Ordinal) == true && File.Exists(name[ProfilePrefix.Length..]));

    internal static ICliGrammar Create(string? name, BrasState state, SimulatorFaults faults)
    {
        if (string.IsNullOrEmpty(name) || string.Equals(name, Huawei, StringComparison.OrdinalIgnoreCase))
        {
            return new CliCommandProcessor(state, faults);
        }

        if (name.StartsWith(ProfilePrefix, StringComparison.Ordinal))
        {
            return new ProfileCliGrammar(SimulatorProfile.Load(name[ProfilePrefix.Length..]), state, faults);
        }

        return string.Equals(name, Zte, StringComparison.OrdinalIgnoreCase)
            ? new ZteCommandProcessor(state, faults)
            : throw new ArgumentException($"Unknown CLI dialect '{name}' (expected '{Huawei}' or '{Zte}').", nameof(name));
    }
}
