namespace SpeedUp.Admin.Cli.Output;

/// <summary>Rows of text under a header, printed in columns as wide as their widest cell.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row (as many cells as headers; missing cells print empty).</summary>
    public TextTable Row(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    /// <summary>Prints the header and the rows; "(none)" under the header when there are no rows.</summary>
    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => Cell(r, i).Length))).ToArray();
        writer.WriteLine(Line(headers, widths));
        foreach (var row in _rows)
        {
            writer.WriteLine(Line(row, widths));
        }

        if (_rows.Count == 0)
        {
            writer.WriteLine("(none)");
        }
    }

    private static string Cell(string[] row, int i) => i < row.Length ? Printable(row[i]) : "";

    private static string Line(string[] row, int[] widths) =>
        string.Join("  ", widths.Select((w, i) => Cell(row, i).PadRight(w))).TrimEnd();

    /// <summary>A cell on one line: control characters (a device's output may hold some) shown as spaces.</summary>
    private static string Printable(string value) => new([.. value.Select(c => char.IsControl(c) ? ' ' : c)]);
}
