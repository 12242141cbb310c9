using SpeedUp.OperatorConsole.Html;

namespace SpeedUp.OperatorConsole.Tests.Html;

public sealed class MarkupTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>\"'&";

    [Fact]
    public void Row_EncodesEveryCell()
    {
        var row = Markup.Row([Hostile, "ok"]);

        Assert.DoesNotContain("<img", row, StringComparison.Ordinal);
        Assert.DoesNotContain("\"'", row, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_EncodesHeadersAndShowsNoneWhenEmpty()
    {
        var table = Markup.Table("t", [Hostile], []);

        Assert.DoesNotContain("<img", table, StringComparison.Ordinal);
        Assert.Contains("<td colspan=\"1\">none</td>", table, StringComparison.Ordinal);
    }

    [Fact]
    public void SuccessChart_DrawsABarPerDayAndTheRateLine_EncodingLabels()
    {
        var svg = SuccessChart.Render(
        [
            new SuccessChart.Day("2026-12-01", 10, 0.9), new SuccessChart.Day("2026-12-02", 20, 0.5), new SuccessChart.Day(Hostile, 5, 1),
        ]);

        Assert.StartsWith("<svg id=\"chart\"", svg, StringComparison.Ordinal);
        Assert.Equal(3, svg.Split("<rect class=\"volume\"").Length - 1);
        Assert.Contains("<polyline class=\"success-rate\"", svg, StringComparison.Ordinal);
        Assert.Contains("2026-12-02: 20 calls, 50.0 %", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void SuccessChart_OfNoDays_IsAnEmptyFrame()
    {
        var svg = SuccessChart.Render([]);

        Assert.DoesNotContain("<rect", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<polyline", svg, StringComparison.Ordinal);
        Assert.EndsWith("</svg>", svg, StringComparison.Ordinal);
    }
}
