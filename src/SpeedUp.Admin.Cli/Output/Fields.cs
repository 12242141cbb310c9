using Google.Protobuf.WellKnownTypes;

namespace SpeedUp.Admin.Cli.Output;

/// <summary>Field values as a table cell or a "name: value" list shows them.</summary>
internal static class Fields
{
    /// <summary>A time in UTC, to the second, or "-".</summary>
    public static string Time(Timestamp? at) => at is null ? "-" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An empty value as "-".</summary>
    public static string Text(string? value) => string.IsNullOrEmpty(value) ? "-" : value;

    /// <summary>A number in invariant culture.</summary>
    public static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Prints <c>name: value</c> lines, the names aligned.</summary>
    public static void WriteList(TextWriter writer, params (string Name, string Value)[] fields)
    {
        var width = fields.Max(f => f.Name.Length) + 1;
        foreach (var (name, value) in fields)
        {
            writer.WriteLine($"{(name + ":").PadRight(width)} {value}");
        }
    }
}
