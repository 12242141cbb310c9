namespace SpeedUp.Simulator;

/// <summary>Applies the <see cref="GarbleMode"/> fault to one output line.</summary>
internal static class OutputGarbler
{
    public const string Junk = "~*~";
    private const string Bold = "\u001b[1;33m";
    private const string Reset = "\u001b[0m";

    public static string Apply(string line, GarbleMode mode)
    {
        if (mode == GarbleMode.None || line.Length == 0)
        {
            return line;
        }

        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var at = colon < 0 ? 0 : colon + 1;
        return mode == GarbleMode.Junk
            ? line[..at] + Junk + line[at..]
            : Bold + line[..at] + Reset + "\u001b[?25l" + line[at..] + "\u001b[?25h" + Reset;
    }
}
