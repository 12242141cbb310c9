using Broadband.SpeedUp.Admin.V1;
using static SpeedUp.OperatorConsole.Html.Markup;

namespace SpeedUp.OperatorConsole.Pages;

/// <summary>The customer and date range a report page asks for (query <c>customer</c>, <c>from</c>, <c>to</c>; no dates: this month).</summary>
internal sealed record CustomerRange(string Customer, string From, string To)
{
    public static CustomerRange Of(ConsoleRequest request) => new(request.Query("customer"), request.Query("from"), request.Query("to"));

    /// <summary>The report period the admin API takes.</summary>
    public ReportPeriod Period => From.Length > 0 || To.Length > 0 ? ReportPeriod.Custom : ReportPeriod.ThisMonth;

    /// <summary>The GET form that asks for it again, posting to <paramref name="action"/>.</summary>
    public string Form(string action) =>
        $"<form method=\"get\" action=\"{E(action)}\" id=\"range\">"
        + $"<label>customer <input name=\"customer\" value=\"{E(Customer)}\" required></label>"
        + $"<label>from <input type=\"date\" name=\"from\" value=\"{E(From)}\"></label>"
        + $"<label>to <input type=\"date\" name=\"to\" value=\"{E(To)}\"></label><button type=\"submit\">Show</button>"
        + "<span> (no dates: this month)</span></form>";
}
