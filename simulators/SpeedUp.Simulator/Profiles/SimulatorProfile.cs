using System.Text.Json;

namespace SpeedUp.Simulator;

/// <summary>
/// A CLI face described as data (<c>simulators/profiles/*.profile.json</c>): banner, prompts of three views, view
/// changes, the three subscriber commands with their templates, the output block and the device's messages. Written
/// from the equipment's manual, independently of the driver's dialect file, so that the conformance kit checks one
/// against the other. Select it with <c>BrasSimulatorOptions.CliDialect = "profile:&lt;path&gt;"</c>.
/// </summary>
public sealed class SimulatorProfile
{
    /// <summary>Profile name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Lines shown on connect.</summary>
    public IList<string> Banner { get; set; } = new List<string>();

    /// <summary>Prompt formats; <c>{host}</c> is the hostname.</summary>
    public ProfileViews Prompts { get; set; } = new();

    /// <summary>View changes: a command line (exact words, case-insensitive) from a view (<c>exec</c>, <c>system</c>, <c>config</c> or <c>any</c>) to a view or <c>close</c>.</summary>
    public IList<ProfileTransition> Transitions { get; set; } = new List<ProfileTransition>();

    /// <summary>The command that turns paging off (any view).</summary>
    public string PagingOff { get; set; } = "";

    /// <summary>Lists the subscribers of an address (any view): uses <c>{address}</c>.</summary>
    public string FindByAddress { get; set; } = "";

    /// <summary>Shows one subscriber (any view): uses <c>{account}</c>.</summary>
    public string ReadByAccount { get; set; } = "";

    /// <summary>Changes a rate (config view only): uses <c>{account}</c>, <c>{direction}</c>, <c>{kbps}</c>.</summary>
    public string SetRate { get; set; } = "";

    /// <summary>Words of <c>{direction}</c>.</summary>
    public ProfileDirections DirectionWords { get; set; } = new();

    /// <summary>How subscribers are printed.</summary>
    public ProfileOutput Output { get; set; } = new();

    /// <summary>The device's messages.</summary>
    public ProfileMessages Messages { get; set; } = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads a profile file.</summary>
    public static SimulatorProfile Load(string path)
    {
        var profile = JsonSerializer.Deserialize<SimulatorProfile>(File.ReadAllText(path), Json) ?? throw new ArgumentException($"Simulator profile {path} is empty.", nameof(path));
        var missing = new[]
        {
            (profile.Name, "name"), (profile.Prompts.Exec, "prompts.exec"), (profile.Prompts.System, "prompts.system"),
            (profile.Prompts.Config, "prompts.config"), (profile.PagingOff, "pagingOff"), (profile.FindByAddress, "findByAddress"),
            (profile.ReadByAccount, "readByAccount"), (profile.SetRate, "setRate"), (profile.DirectionWords.Up, "directionWords.up"),
            (profile.DirectionWords.Down, "directionWords.down"), (profile.Messages.UnknownCommand, "messages.unknownCommand"),
        }.Where(p => string.IsNullOrWhiteSpace(p.Item1)).Select(p => p.Item2).ToList();
        return missing.Count == 0 ? profile : throw new ArgumentException($"Simulator profile {path} lacks: {string.Join(", ", missing)}.", nameof(path));
    }
}

/// <summary>Prompt formats.</summary>
public sealed class ProfileViews
{
    /// <summary>The start view, e.g. <c>&lt;{host}&gt;</c>.</summary>
    public string Exec { get; set; } = "";

    /// <summary>An intermediate view, e.g. <c>[{host}]</c>.</summary>
    public string System { get; set; } = "";

    /// <summary>The view where rates change.</summary>
    public string Config { get; set; } = "";
}

/// <summary>A view change.</summary>
public sealed class ProfileTransition
{
    /// <summary><c>exec</c>, <c>system</c>, <c>config</c> or <c>any</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>The command line.</summary>
    public string Command { get; set; } = "";

    /// <summary><c>exec</c>, <c>system</c>, <c>config</c> or <c>close</c>.</summary>
    public string To { get; set; } = "";

    /// <summary>Printed after the change, if anything.</summary>
    public string? Message { get; set; }
}

/// <summary>Direction words.</summary>
public sealed class ProfileDirections
{
    /// <summary>Upstream.</summary>
    public string Up { get; set; } = "";

    /// <summary>Downstream.</summary>
    public string Down { get; set; } = "";
}

/// <summary>Subscriber output: an optional rule around blocks, one <c>label : value</c> line per field.</summary>
public sealed class ProfileOutput
{
    /// <summary>The rule line between blocks.</summary>
    public string Rule { get; set; } = new('-', 60);

    /// <summary>Width the labels are padded to.</summary>
    public int LabelWidth { get; set; } = 24;

    /// <summary>Label of each field, in printed order: keys <c>account, bandId, address, ports, upKbps, downKbps, maxUpKbps, maxDownKbps, speedUpPermitted</c>.</summary>
    public IList<ProfileField> Fields { get; set; } = new List<ProfileField>();

    /// <summary>Printed when no subscriber matches.</summary>
    public string Empty { get; set; } = "";

    /// <summary>Yes/no words of <c>speedUpPermitted</c>.</summary>
    public string Yes { get; set; } = "yes";

    /// <summary>Yes/no words of <c>speedUpPermitted</c>.</summary>
    public string No { get; set; } = "no";
}

/// <summary>One printed field.</summary>
public sealed class ProfileField
{
    /// <summary>Which value.</summary>
    public string Key { get; set; } = "";

    /// <summary>The label printed.</summary>
    public string Label { get; set; } = "";
}

/// <summary>The device's messages.</summary>
public sealed class ProfileMessages
{
    /// <summary>An unknown command or a command not valid in this view.</summary>
    public string UnknownCommand { get; set; } = "";

    /// <summary>A value that does not parse.</summary>
    public string BadValue { get; set; } = "";

    /// <summary>A rate change for an account that does not exist.</summary>
    public string UnknownUser { get; set; } = "";

    /// <summary>A rate outside 64..capability.</summary>
    public string OutOfCapability { get; set; } = "";

    /// <summary>Over the VTY limit.</summary>
    public string TooManySessions { get; set; } = "";
}
