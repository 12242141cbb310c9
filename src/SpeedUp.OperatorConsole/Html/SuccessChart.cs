using System.Globalization;
using static SpeedUp.OperatorConsole.Html.Markup;

namespace SpeedUp.OperatorConsole.Html;

/// <summary>
/// The statistics chart as inline SVG, drawn on the server (no script): a bar per day for the volume (calls), a line for
/// the success rate (0–100 %), the dates under the bars.
/// </summary>
internal static class SuccessChart
{
    private const int Width = 720;
    private const int Height = 260;
    private const int Left = 50;
    private const int Right = 50;
    private const int Top = 20;
    private const int Bottom = 40;

    /// <summary>One day: its date, calls and success rate (0..1).</summary>
    public sealed record Day(string Date, long Total, double SuccessRate);

    /// <summary>The chart of <paramref name="days"/>.</summary>
    public static string Render(IReadOnlyList<Day> days)
    {
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var maxTotal = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => d.Total));
        var slot = days.Count == 0 ? plotWidth : (double)plotWidth / days.Count;
        var parts = new List<string>
        {
            $"<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"volume and success rate per day\">",
            $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#444\"/>",
            $"<text x=\"4\" y=\"{Top + 4}\" font-size=\"11\" fill=\"#1565c0\">{E(maxTotal)} calls</text>",
            $"<text x=\"{Width - Right + 4}\" y=\"{Top + 4}\" font-size=\"11\" fill=\"#2e7d32\">100 %</text>",
            $"<text x=\"{Width - Right + 4}\" y=\"{Top + plotHeight}\" font-size=\"11\" fill=\"#2e7d32\">0 %</text>",
        };
        var points = new List<string>();
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var x = Left + i * slot;
            var barHeight = plotHeight * (double)day.Total / maxTotal;
            parts.Add($"<rect class=\"volume\" x=\"{N(x + slot * 0.15)}\" y=\"{N(Top + plotHeight - barHeight)}\" width=\"{N(slot * 0.7)}\" height=\"{N(barHeight)}\" fill=\"#90caf9\">"
                + $"<title>{E(day.Date)}: {E(day.Total)} calls, {E(Percent(day.SuccessRate))}</title></rect>");
            var centre = x + slot / 2;
            points.Add($"{N(centre)},{N(Top + plotHeight * (1 - Math.Clamp(day.SuccessRate, 0, 1)))}");
            if (days.Count <= 16 || i % Math.Max(1, days.Count / 8) == 0)
            {
                parts.Add($"<text x=\"{N(centre)}\" y=\"{Height - Bottom + 16}\" font-size=\"10\" text-anchor=\"middle\">{E(day.Date.Length >= 10 ? day.Date[5..] : day.Date)}</text>");
            }
        }

        if (points.Count > 0)
        {
            parts.Add($"<polyline class=\"success-rate\" points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"#2e7d32\" stroke-width=\"2\"/>");
        }

        parts.Add($"<text x=\"{Left}\" y=\"{Height - 6}\" font-size=\"11\">bars: volume (calls per day) · line: success rate</text>");
        parts.Add("</svg>");
        return string.Concat(parts);
    }

    /// <summary>A rate as a percentage with one decimal.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
