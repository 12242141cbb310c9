using System.Globalization;
using System.Text.Encodings.Web;

namespace SpeedUp.OperatorConsole.Html;

/// <summary>
/// Every value a page shows goes through <see cref="E(string?)"/> (HTML-encoded): account names, scene labels, error
/// messages and channel details come from outside. Pages are built from literal markup and encoded values only.
/// </summary>
internal static class Markup
{
    /// <summary>The value, HTML-encoded (text or attribute value in double quotes).</summary>
    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <summary>A number, invariant culture, encoded.</summary>
    public static string E(long value) => E(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A table: a header row of <paramref name="headers"/> and the given rows (each already markup).</summary>
    public static string Table(string id, IEnumerable<string> headers, IEnumerable<string> rows)
    {
        var body = string.Concat(rows);
        return $"<table id=\"{E(id)}\"><thead><tr>{string.Concat(headers.Select(h => $"<th>{E(h)}</th>"))}</tr></thead>"
            + $"<tbody>{(body.Length == 0 ? $"<tr><td colspan=\"{headers.Count()}\">none</td></tr>" : body)}</tbody></table>";
    }

    /// <summary>A row of cells, each value encoded; <paramref name="trailer"/> is markup appended as the last cell.</summary>
    public static string Row(IEnumerable<string?> cells, string? trailer = null) =>
        $"<tr>{string.Concat(cells.Select(c => $"<td>{E(c)}</td>"))}{(trailer is null ? "" : $"<td>{trailer}</td>")}</tr>";
}
