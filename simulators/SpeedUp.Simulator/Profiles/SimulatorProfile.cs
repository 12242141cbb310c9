using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeedUp.Simulator;

/// <summary>
/// A CLI face described as data (<c>drivers/dialects/*.profile.json</c>, docs/simulator.md): banner, views and their
/// prompts, the command templates of each view and what they do, how subscribers are printed, the error words (with or
/// without a caret), the pager, an optional rate confirmation and the device's messages. Every face of the simulator
/// (Huawei VRP, ZTE ZXR10, H3C Comware) is one. Written from the equipment's manual, independently of the driver's
/// dialect file, so that the conformance kit checks one against the other.
/// </summary>
public sealed class SimulatorProfile
{
    /// <summary>Profile name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Lines shown on connect, each ended by CRLF after a first CRLF; <c>{session}</c> and <c>{max}</c> are the VTY number and limit.</summary>
    public IList<string> Banner { get; set; } = new List<string>();

    /// <summary>The line a session over the VTY limit sees before it is closed; <c>{max}</c> is the limit.</summary>
    public string TooManySessions { get; set; } = "";

    /// <summary>The views, the first being where a session starts.</summary>
    public IList<ProfileView> Views { get; set; } = new List<ProfileView>();

    /// <summary>Whether keywords may be abbreviated to any unambiguous prefix (VRP, ZXR10) or must be typed whole.</summary>
    public bool Abbreviations { get; set; }

    /// <summary>Largest page length the paging command takes.</summary>
    public int MaxPageLength { get; set; } = 512;

    /// <summary>Keywords a <c>{direction}</c> placeholder stands for.</summary>
    public ProfileDirections DirectionWords { get; set; } = new();

    /// <summary>The commands of every view.</summary>
    public IList<ProfileCommand> Commands { get; set; } = new List<ProfileCommand>();

    /// <summary>How subscribers are printed.</summary>
    public ProfileOutput Output { get; set; } = new();

    /// <summary>How syntax errors are printed.</summary>
    public ProfileErrors Errors { get; set; } = new();

    /// <summary>The pager.</summary>
    public ProfilePager Pager { get; set; } = new();

    /// <summary>When set, a rate above <see cref="ProfileConfirmation.AboveKbps"/> asks first.</summary>
    public ProfileConfirmation? RateConfirmation { get; set; }

    /// <summary>The device's messages.</summary>
    public ProfileMessages Messages { get; set; } = new();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads and checks a profile file.</summary>
    /// <exception cref="ArgumentException">The profile lacks a required value or is inconsistent.</exception>
    public static SimulatorProfile Load(string path)
    {
        SimulatorProfile profile;
        try
        {
            profile = JsonSerializer.Deserialize<SimulatorProfile>(File.ReadAllText(path), Json)
                ?? throw new ArgumentException($"Simulator profile {path} is empty.", nameof(path));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"Simulator profile {path} is not valid: {ex.Message}", nameof(path), ex);
        }

        var missing = new[]
        {
            (profile.Name, "name"), (profile.TooManySessions, "tooManySessions"), (profile.Pager.More, "pager.more"),
            (profile.Errors.Unrecognized.Message, "errors.unrecognized"), (profile.Errors.Ambiguous.Message, "errors.ambiguous"),
            (profile.Errors.Incomplete.Message, "errors.incomplete"), (profile.Errors.WrongParameter.Message, "errors.wrongParameter"),
            (profile.Messages.UnknownUser, "messages.unknownUser"), (profile.Messages.OutOfCapability, "messages.outOfCapability"),
        }.Where(p => string.IsNullOrWhiteSpace(p.Item1)).Select(p => p.Item2).ToList();
        if (profile.Views.Count == 0)
        {
            missing.Add("views");
        }

        if (profile.Commands.Count == 0)
        {
            missing.Add("commands");
        }

        missing.AddRange(profile.Output.Fields.Where(f => !ProfileSubscriberPrinter.IsKnownField(f.Key)).Select(f => $"output field '{f.Key}' (unknown key)"));
        if (profile.RateConfirmation is { } confirmation && (confirmation.Yes.Count == 0 || string.IsNullOrEmpty(confirmation.Question)))
        {
            missing.Add("rateConfirmation.question and .yes");
        }

        if (missing.Count > 0)
        {
            throw new ArgumentException($"Simulator profile {path} lacks: {string.Join(", ", missing)}.", nameof(path));
        }

        try
        {
            _ = ProfileCommandTree.Build(profile);
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException($"Simulator profile {path}: {ex.Message}", nameof(path), ex);
        }

        return profile;
    }
}
