using System.Globalization;

namespace SpeedUp.Simulator;

/// <summary>Prints matched subscribers as a profile's <see cref="ProfileOutput"/> says.</summary>
internal static class ProfileSubscriberPrinter
{
    public static IReadOnlyList<string> Print(ProfileOutput output, IReadOnlyList<SubscriberLineState> lines)
    {
        var printed = new List<string>();
        foreach (var line in lines)
        {
            printed.AddRange(output.BlockStart);
            printed.AddRange(output.Fields.Select(f => output.Indent + f.Label.PadRight(output.LabelWidth) + ": " + Value(output, line, f.Key)));
            printed.AddRange(output.BlockEnd);
        }

        printed.AddRange(lines.Count > 0 ? output.AfterBlocks : output.Empty);
        var count = lines.Count.ToString(CultureInfo.InvariantCulture);
        printed.AddRange(output.Summary.Select(s => s.Replace("{count}", count, StringComparison.Ordinal)));
        return printed;
    }

    /// <summary>True for a field key <see cref="Print"/> knows.</summary>
    public static bool IsKnownField(string key) => key is "accessIndex" or "account" or "bandId" or "address" or "ports"
        or "upKbps" or "downKbps" or "maxUpKbps" or "maxDownKbps" or "speedUpPermitted";

    private static string Value(ProfileOutput output, SubscriberLineState line, string key) => key switch
    {
        "accessIndex" => line.AccessIndex.ToString(CultureInfo.InvariantCulture),
        "account" => line.Account,
        "bandId" => line.BandId.ToString(CultureInfo.InvariantCulture),
        "address" => line.IpAddress.ToString(),
        "ports" => string.Create(CultureInfo.InvariantCulture, $"{line.PortFirst}-{line.PortLast}"),
        "upKbps" => line.UpKbps.ToString(CultureInfo.InvariantCulture),
        "downKbps" => line.DownKbps.ToString(CultureInfo.InvariantCulture),
        "maxUpKbps" => line.MaxUpKbps.ToString(CultureInfo.InvariantCulture),
        "maxDownKbps" => line.MaxDownKbps.ToString(CultureInfo.InvariantCulture),
        "speedUpPermitted" => line.SpeedUpPermitted ? output.Yes : output.No,
        _ => throw new InvalidOperationException($"Unknown output field '{key}'."),
    };
}
